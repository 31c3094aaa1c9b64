package dev.jitterbug.internal.client;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.DeliveryState;
import dev.jitterbug.Jid;
import dev.jitterbug.OutgoingMessage;
import dev.jitterbug.reconnect.RetryPlanner;
import dev.jitterbug.reconnect.SplitMixRandomSource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.im.CatchUps;
import dev.jitterbug.im.MessageStanzas;
import dev.jitterbug.im.Outbox;
import dev.jitterbug.platform.InMemoryKeyValueStore;
import dev.jitterbug.platform.VirtualScheduler;
import dev.jitterbug.transport.Namespaces;
import dev.jitterbug.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What confirms, holds back or fails one of our messages — without a server, on the event thread's logic alone. */
class DeliveriesTest {
    private static final Jid ALICE = Jid.parse("alice@localhost");
    private static final Jid BOB = Jid.parse("bob@localhost");
    private static final Jid ROOM = Jid.parse("den@conference.localhost");

    private final List<Element> wire = new ArrayList<>();
    private final List<OutgoingMessage> updates = new ArrayList<>();
    private boolean online = true;
    private Rooms rooms;
    private Deliveries deliveries;

    @BeforeEach
    void setUp() {
        InMemoryKeyValueStore store = new InMemoryKeyValueStore();
        rooms = new Rooms(ALICE, new CatchUps(store, ALICE), new VirtualScheduler(),
                new RetryPlanner(new SplitMixRandomSource(1)), new Rooms.Link() {
            @Override
            public boolean isOnline() {
                return online;
            }

            @Override
            public void send(Element stanza) {
                wire.add(stanza);
            }

            @Override
            public void catchUp(Element query) {
                wire.add(query);
            }

            @Override
            public void inAgain(Jid room) {
                deliveries.flushRoom(room);
            }

            @Override
            public void unreachable(Jid room, String reason) {
                deliveries.roomUnreachable(room, reason);
            }

            @Override
            public void joinedOnOurOwn(Jid room, String nick) {
            }
        });
        deliveries = new Deliveries(new Outbox(store), rooms, new Deliveries.Link() {
            @Override
            public boolean canTransmit() {
                return online;
            }

            @Override
            public void send(Element stanza) {
                wire.add(stanza);
            }
        }, updates::add);
        rooms.join(ROOM, "alice");
        wire.clear();
    }

    @Test
    void theServersAckConfirmsAOneToOneMessageButNotARoomMessage() {
        OutgoingMessage direct = message(BOB, "hi bob", ChatMessage.Kind.CHAT);
        OutgoingMessage toRoom = message(ROOM, "hi room", ChatMessage.Kind.GROUPCHAT);
        deliveries.add(direct);
        deliveries.add(toRoom);

        deliveries.acknowledged(new ArrayList<>(wire));

        assertThat(stateOf(direct)).isEqualTo(DeliveryState.ACKED);
        assertThat(stateOf(toRoom)).as("the server has it; the room may still refuse it").isEqualTo(DeliveryState.SENT);
        deliveries.handle(echo(toRoom));
        assertThat(stateOf(toRoom)).as("the room's echo").isEqualTo(DeliveryState.ACKED);
        assertThat(deliveries.pending()).isEmpty();
    }

    @Test
    void aRefusedRoomMessageWaitsWithTheOnesAfterItUntilWeAreBackInThenGoesFirst() {
        OutgoingMessage first = message(ROOM, "first", ChatMessage.Kind.GROUPCHAT);
        deliveries.add(first);
        wire.clear();

        deliveries.handle(bounce(first, "not-acceptable"));
        assertThat(stateOf(first)).isEqualTo(DeliveryState.QUEUED);
        assertThat(wire).as("a join, nothing else").singleElement()
                .satisfies(join -> assertThat(join.name()).isEqualTo("presence"));
        OutgoingMessage second = message(ROOM, "second", ChatMessage.Kind.GROUPCHAT);
        deliveries.add(second);
        assertThat(stateOf(second)).as("held: the room would refuse it too").isEqualTo(DeliveryState.QUEUED);
        wire.clear();

        rooms.handle(selfPresence());

        assertThat(bodies()).as("in the order written").containsExactly("first", "second");
    }

    @Test
    void aRoomsArchiveConfirmsOurRoomMessageButOurOwnArchiveDoesNotConfirmAOneToOneMessage() {
        OutgoingMessage direct = message(BOB, "hi bob", ChatMessage.Kind.CHAT);
        OutgoingMessage toRoom = message(ROOM, "hi room", ChatMessage.Kind.GROUPCHAT);
        deliveries.add(direct);
        deliveries.add(toRoom);

        deliveries.archived(direct.message()); // our archive's copy: the server may have died before routing it
        deliveries.archived(new ChatMessage(toRoom.originId(), toRoom.originId(), "r1", ROOM.withResource("alice"),
                ROOM, "hi room", ChatMessage.Kind.GROUPCHAT, 0, false, true));

        assertThat(stateOf(toRoom)).isEqualTo(DeliveryState.ACKED);
        assertThat(deliveries.pending()).as("sent again after the catch-up").extracting(OutgoingMessage::originId)
                .containsExactly(direct.originId());
    }

    @Test
    void aBouncedOneToOneMessageFailsWithTheServersReason() {
        OutgoingMessage direct = message(BOB, "hi", ChatMessage.Kind.CHAT);
        deliveries.add(direct);

        deliveries.handle(bounce(direct, "service-unavailable"));

        OutgoingMessage last = updates.get(updates.size() - 1);
        assertThat(last.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(last.failureReason()).contains("service-unavailable");
    }

    @Test
    void offlineMessagesWaitAndGoInOrder() {
        online = false;
        deliveries.add(message(BOB, "one", ChatMessage.Kind.CHAT));
        deliveries.add(message(BOB, "two", ChatMessage.Kind.CHAT));
        assertThat(wire).isEmpty();

        online = true;
        deliveries.flushAll();

        assertThat(bodies()).containsExactly("one", "two");
    }

    private static OutgoingMessage message(Jid to, String body, ChatMessage.Kind kind) {
        String id = java.util.UUID.randomUUID().toString();
        return new OutgoingMessage(new ChatMessage(id, id, null, ALICE, to, body, kind, 0, true, false),
                DeliveryState.QUEUED, null);
    }

    private DeliveryState stateOf(OutgoingMessage message) {
        DeliveryState state = null;
        for (OutgoingMessage update : updates) {
            if (update.originId().equals(message.originId())) {
                state = update.state();
            }
        }
        return state;
    }

    private List<String> bodies() {
        return wire.stream().filter(e -> e.name().equals("message")).map(e -> e.childText("body", Namespaces.CLIENT))
                .collect(Collectors.toList());
    }

    private static Element echo(OutgoingMessage message) {
        return MessageStanzas.build(message.message()).toBuilder().attr("from", ROOM.withResource("alice").toString())
                .attr("to", ALICE + "/laptop").build();
    }

    private static Element bounce(OutgoingMessage message, String condition) {
        return Element.builder("message", Namespaces.CLIENT).attr("type", "error").attr("id", message.originId())
                .attr("from", message.message().to().toString())
                .child(Element.builder("error", Namespaces.CLIENT).attr("type", "cancel")
                        .child(Element.builder(condition, Namespaces.STANZAS)))
                .build();
    }

    private static Element selfPresence() {
        return Element.builder("presence", Namespaces.CLIENT).attr("from", ROOM.withResource("alice").toString())
                .child(Element.builder("x", "http://jabber.org/protocol/muc#user")
                        .child(Element.builder("status", "http://jabber.org/protocol/muc#user").attr("code", "110")))
                .build();
    }
}

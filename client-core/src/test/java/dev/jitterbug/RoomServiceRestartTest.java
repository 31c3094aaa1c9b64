package dev.jitterbug;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.jitterbug.reconnect.RetryPolicy;
import dev.jitterbug.testing.LogCapture;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 clients in one room when the room service shuts down (XEP-0045 status 332 to every occupant at once): every
 * client joins again by itself, each after a wait the retry planner drew over the rejoin spread, so the room sees
 * its occupants come back spread out, not in one wave. (Before the planner, nothing rejoined a room after a 332; a
 * refused join was retried after exactly 1, 2, 4 … s, the whole room in step.)
 */
class RoomServiceRestartTest {
    private static final int CLIENTS = 200;
    private static final int LOGIN_BATCH = 20;
    private static final Pattern REJOIN = Pattern.compile("(\\S+) rejoins \\S+ in (\\d+) ms");

    @RegisterExtension
    final ProsodyExtension prosody = withAccounts(ProsodyExtension.perTest());

    private static ProsodyExtension withAccounts(ProsodyExtension extension) {
        for (int i = 0; i < CLIENTS; i++) {
            extension.account("user" + i, "pw" + i);
        }
        return extension;
    }

    @Test
    void aRoomFullOfClientsRejoinsSpreadOutAfterItsServiceShutsDown() throws IOException {
        ProsodyServer server = prosody.server();
        Jid room = Jid.parse("lobby@" + server.mucDomain());
        // An event thread per client, as an app has: this test is about the rejoin spread. (On the shared loop it
        // found a real bug, a cancelled timer still running; on a machine loaded far beyond CI, two loop threads then
        // got too little CPU beside 200 reader threads for the rejoins to finish within the minute.)
        try (SharedResources shared = SharedResources.forSessions(CLIENTS, 0);
                TestClients clients = new TestClients(server);
                LogCapture wire = LogCapture.wire();
                LogCapture rooms = LogCapture.of("dev.jitterbug.internal.client.Rooms", Level.DEBUG)) {
            RecordingListener events = new RecordingListener();
            // Logged in a batch at a time, each batch online before the next starts: the test is about the rejoin,
            // and 200 simultaneous logins on a loaded 2-core machine would be a login storm of their own.
            for (int first = 0; first < CLIENTS; first += LOGIN_BATCH) {
                List<RecordingListener> batch = new ArrayList<>();
                for (int i = first; i < Math.min(CLIENTS, first + LOGIN_BATCH); i++) {
                    RecordingListener listener = new RecordingListener();
                    JitterbugClient client = clients.start(clients.options("user" + i, server.webSocketUri())
                            .sharedResources(shared).build(), listener);
                    client.joinRoom(room, "user" + i);
                    batch.add(listener);
                }
                batch.forEach(RecordingListener::awaitOnline);
            }
            // Each occupant's own presence comes back with status 110: that many, and everyone is in.
            events.await("all " + CLIENTS + " in the room", () -> selfPresences(wire, room) >= CLIENTS);

            long shutDownAt = System.currentTimeMillis();
            server.shutDownRoom(room.toString());
            events.await("all " + CLIENTS + " rejoined", () -> selfPresences(wire, room) >= 2 * CLIENTS + CLIENTS);

            // The first rejoin each client planned, and the first join each sent: a join the room refuses (it may
            // still be coming back) is planned again later, with backoff, and is not part of the spread.
            Map<String, Long> firstWaits = new HashMap<>();
            Map<String, Long> firstSent = new HashMap<>();
            for (ILoggingEvent line : rooms.events()) {
                Matcher planned = REJOIN.matcher(line.getFormattedMessage());
                if (planned.find() && line.getTimeStamp() >= shutDownAt) {
                    firstWaits.putIfAbsent(planned.group(1), Long.parseLong(planned.group(2)));
                }
            }
            Pattern joinTo = Pattern.compile("to=\"" + Pattern.quote(room.toString()) + "/([^\"]+)\"");
            for (ILoggingEvent line : wire.events()) {
                String text = line.getFormattedMessage();
                Matcher join = joinTo.matcher(text);
                if (line.getTimeStamp() >= shutDownAt && text.startsWith("SEND") && text.contains("<presence")
                        && join.find()) {
                    firstSent.putIfAbsent(join.group(1), line.getTimeStamp() - shutDownAt);
                }
            }
            List<Long> waits = new ArrayList<>(firstWaits.values());
            List<Long> sentAfter = new ArrayList<>(firstSent.values());
            writeHistogram(waits, sentAfter);

            assertThat(firstWaits).as("every client planned its own rejoin").hasSize(CLIENTS);
            assertThat(firstSent).as("and sent it").hasSize(CLIENTS);
            assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(0L, RetryPolicy.ROOM_REJOIN.spreadMillis()));
            Map<Long, Integer> bins = new HashMap<>();
            waits.forEach(w -> bins.merge(w / 10, 1, Integer::sum));
            assertThat(bins.values().stream().max(Integer::compare).orElse(0))
                    .as("no 10 ms holds more than 5 %% of the room: %s", bins).isLessThanOrEqualTo(CLIENTS / 20);
            long earliest = waits.stream().min(Long::compare).orElse(0L);
            long latest = waits.stream().max(Long::compare).orElse(0L);
            assertThat(latest - earliest).as("the rejoins span most of the spread window")
                    .isGreaterThanOrEqualTo(RetryPolicy.ROOM_REJOIN.spreadMillis() / 2);
        }
    }

    /** Self-presences (status 110) from the room received so far: each join, and each removal, brings one. */
    private static int selfPresences(LogCapture wire, Jid room) {
        return wire.count("RECV", "<presence", "from=\"" + room + "/", "code=\"110\"");
    }

    /** The histogram for the README and the closing note: rejoins per second after the room service went down. */
    private static void writeHistogram(List<Long> waits, List<Long> sentAfter) throws IOException {
        int[] planned = new int[(int) (RetryPolicy.ROOM_REJOIN.spreadMillis() / 1000) + 2];
        int[] sent = new int[planned.length];
        waits.forEach(w -> planned[(int) Math.min(planned.length - 1, w / 1000)]++);
        sentAfter.forEach(s -> sent[(int) Math.min(sent.length - 1, s / 1000)]++);
        StringBuilder table = new StringBuilder("| second after the shutdown | rejoins planned | joins sent |\n"
                + "|---:|---:|---:|\n");
        for (int second = 0; second < planned.length; second++) {
            table.append(String.format(Locale.ROOT, "| %d–%d | %d | %d |%n", second, second + 1, planned[second],
                    sent[second]));
        }
        System.out.print(table);
        Path out = Path.of("target", "room-service-restart.md");
        Files.writeString(out, "200 clients in one room; the room service shut down (status 332).\n\n" + table
                + "\nWaits planned: " + waits.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))
                + " ms\n");
    }
}

package dev.jitterbug.fx.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jitterbug.ChatMessage;
import dev.jitterbug.ConnectionEvent;
import dev.jitterbug.ConnectionState;
import dev.jitterbug.Contact;
import dev.jitterbug.Failure;
import dev.jitterbug.Jid;
import dev.jitterbug.StopReason;
import dev.jitterbug.config.RetryConfigStatus;
import dev.jitterbug.fx.bridge.FxBridge;
import dev.jitterbug.fx.chat.ConversationViewModel;
import dev.jitterbug.fx.login.PasswordMemory;
import dev.jitterbug.fx.status.StatusViewModel;
import dev.jitterbug.fx.testing.RetryConfigStatuses;
import dev.jitterbug.platform.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shell without a UI or a server: events go in where the core hands them to the bridge (same-thread here), and
 * each panel shows what it subscribed to, and nothing else.
 */
class ShellModelTest {
    private static final Jid BOB = Jid.parse("bob@example.org");
    private static final Jid ROOM = Jid.parse("lobby@conference.example.org");

    private final VirtualScheduler time = new VirtualScheduler();
    /** Background work (creating a client, exports): queued, never run here. */
    private final List<Runnable> background = new ArrayList<>();
    private final FxBridge core = new FxBridge(Runnable::run);
    private final ClientGateway gateway = new ClientGateway(background::add, core, options -> {
        throw new AssertionError("no client in this test");
    });
    private final ShellModel shell = new ShellModel(gateway, (request, config) -> {
        throw new AssertionError("no account in this test");
    }, time, background::add, PasswordMemory.none("No keychain in this test."));

    @Test
    void eachPanelHearsTheEventsItSubscribedTo() {
        core.onConnectionEvent(ConnectionEvent.connecting(time.currentTimeMillis(), 1, null));
        assertThat(shell.status().textProperty().get()).isEqualTo("Connecting…");
        assertThat(shell.diagnostics().timeline()).hasSize(1);
        assertThat(shell.chat().conversations()).as("the chat does not hear connection events").isEmpty();

        core.onMessage(new ChatMessage("m1", "o1", null, BOB.withResource("phone"), Jid.parse("alice@example.org"),
                "hello", ChatMessage.Kind.CHAT, time.currentTimeMillis(), false, false));
        core.onRoster(List.of(new Contact(Jid.parse("carol@example.org"), "Carol", "both")));
        core.onRoomJoined(ROOM, "alice");
        assertThat(shell.chat().conversations()).extracting(ConversationViewModel::jid)
                .containsExactly(BOB, Jid.parse("carol@example.org"), ROOM);
        assertThat(shell.status().textProperty().get()).as("the status line does not hear messages")
                .isEqualTo("Connecting…");
        assertThat(shell.diagnostics().timeline()).as("nor does the timeline").hasSize(1);

        RetryConfigStatus config = RetryConfigStatuses.builtIn();
        core.retryConfigStatusChanged(config);
        assertThat(shell.diagnostics().configStatusProperty().get()).isSameAs(config);

        assertThat(shell.screenProperty().get()).isEqualTo(ShellModel.Screen.LOGIN);
        core.onConnectionEvent(ConnectionEvent.online(ConnectionState.CONNECTED, time.currentTimeMillis()));
        assertThat(shell.screenProperty().get()).isEqualTo(ShellModel.Screen.CHAT);
        assertThat(shell.status().kindProperty().get()).isEqualTo(StatusViewModel.Kind.CONNECTED);
        assertThat(shell.diagnostics().timeline()).hasSize(2);
    }

    @Test
    void aRefusedFirstLoginKeepsTheFormWithTheErrorUnderThePassword() {
        shell.login().accountProperty().set("alice@example.org");
        shell.login().passwordProperty().set("wrong");
        shell.login().submit();
        assertThat(background).as("the client is created in the background").hasSize(1);
        assertThat(shell.login().busyProperty().get()).isTrue();

        core.onConnectionEvent(ConnectionEvent.connecting(time.currentTimeMillis(), 1, null));
        core.onConnectionEvent(ConnectionEvent.stopped(time.currentTimeMillis(),
                Failure.of(Failure.Kind.NOT_AUTHORIZED, "The server did not accept this address and password."),
                StopReason.LOGIN_REFUSED, null));

        assertThat(shell.login().busyProperty().get()).isFalse();
        assertThat(shell.login().passwordErrorProperty().get())
                .isEqualTo("The server did not accept this address and password.");
        assertThat(shell.screenProperty().get()).isEqualTo(ShellModel.Screen.LOGIN);
        assertThat(shell.status().kindProperty().get()).isEqualTo(StatusViewModel.Kind.STOPPED);
    }

    @Test
    void signingOutShowsTheLoginFormClosesTheClientAndALateEventDoesNotSwitchBack() {
        core.onConnectionEvent(ConnectionEvent.online(ConnectionState.CONNECTED, time.currentTimeMillis()));
        assertThat(shell.screenProperty().get()).isEqualTo(ShellModel.Screen.CHAT);
        shell.chat().composerTextProperty().set("unsent");

        shell.signOut();
        assertThat(shell.screenProperty().get()).isEqualTo(ShellModel.Screen.LOGIN);
        assertThat(shell.chat().composerTextProperty().get()).as("kept for the account's return").isEqualTo("unsent");
        core.onConnectionEvent(ConnectionEvent.online(ConnectionState.RESUMED, time.currentTimeMillis()));
        assertThat(shell.screenProperty().get()).as("the closing client's last words switch nothing")
                .isEqualTo(ShellModel.Screen.LOGIN);
        shell.signOut();
        assertThat(shell.screenProperty().get()).isEqualTo(ShellModel.Screen.LOGIN);
    }
}

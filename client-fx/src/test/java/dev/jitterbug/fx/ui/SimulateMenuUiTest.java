package dev.jitterbug.fx.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jitterbug.DeliveryState;
import dev.jitterbug.JitterbugClient;
import dev.jitterbug.Jid;
import dev.jitterbug.config.RetryConfig;
import dev.jitterbug.fx.app.JitterbugApp;
import dev.jitterbug.fx.app.MainWindow;
import dev.jitterbug.fx.app.ShellModel;
import dev.jitterbug.fx.bridge.FxTimers;
import dev.jitterbug.fx.chat.MessageItem;
import dev.jitterbug.fx.demo.DemoFaults;
import dev.jitterbug.fx.demo.FaultInjector;
import dev.jitterbug.fx.demo.Simulation;
import dev.jitterbug.fx.demo.SimulateMenu;
import dev.jitterbug.fx.demo.SimulateViewModel;
import dev.jitterbug.fx.testing.FixedAccountOptions;
import dev.jitterbug.fx.testing.Screenshots;
import dev.jitterbug.testing.LoopbackProxy;
import dev.jitterbug.testing.ProsodyExtension;
import dev.jitterbug.testing.ProsodyServer;
import dev.jitterbug.testing.RecordingListener;
import dev.jitterbug.testing.TestClients;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The demo's "Simulate" menu against a real Prosody behind the demo's fault proxy: a 20 s outage shows in the status
 * chip, what alice sends meanwhile is queued and goes out once when the link is back, and bob (connected directly)
 * keeps talking through it.
 */
@ExtendWith(ApplicationExtension.class)
class SimulateMenuUiTest {
    private static final RetryConfig QUICK = RetryConfig.builder().version("ui-test-simulate").baseMillis(1_000)
            .capMillis(3_000).serverFailureSpreadMillis(1_000).blipRetryWindowMillis(100).statusQuietMillis(1_500)
            .build();

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.perTest()
            .account("alice", "alice-secret").account("bob", "bob-secret");

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final ExecutorService simulations = Executors.newSingleThreadExecutor();
    private final FxTimers timers = FxTimers.onFxThread();
    private LoopbackProxy proxy;
    private volatile DemoFaults faults;
    private TestClients clients;
    private ShellModel shell;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
        // The per-test server starts after @Start: the menu reaches the demo's faults through this stand-in.
        FaultInjector lateFaults = new FaultInjector() {
            @Override
            public void run(Simulation simulation) throws InterruptedException {
                faults.run(simulation);
            }

            @Override
            public void slowLink(boolean on) {
                faults.slowLink(on);
            }
        };
        SimulateViewModel simulate = new SimulateViewModel(lateFaults, simulations, Platform::runLater);
        shell = JitterbugApp.createShell(background, timers, new FixedAccountOptions(QUICK));
        primary.setScene(MainWindow.createScene(shell, List.of(SimulateMenu.create(simulate))));
        primary.show();
    }

    @AfterEach
    void tearDown() {
        simulations.shutdownNow();
        if (clients != null) {
            clients.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        background.shutdownNow();
        timers.close();
    }

    @Test
    void anOutageFromTheMenuShowsInTheStatusQueuesWhatAliceSendsAndDeliversItOnce(FxRobot robot) {
        ProsodyServer server = prosody.server();
        proxy = new LoopbackProxy(server.httpPort());
        faults = new DemoFaults(proxy, server, DemoFaults.Timings.DEMO);
        clients = new TestClients(server);
        RecordingListener bobEvents = new RecordingListener();
        JitterbugClient bob = clients.online(clients.options("bob", server.webSocketUri()).retryConfig(QUICK).build(),
                bobEvents);
        Jid alice = Jid.parse(server.jid("alice"));
        robot.clickOn("#account").write(alice.toString());
        robot.clickOn("#password").write("alice-secret");
        robot.clickOn("#server").write(proxy.via(server.webSocketUri()).toString());
        robot.clickOn("#sign-in");
        await("chat screen").atMost(Duration.ofSeconds(20))
                .until(() -> robot.lookup("#composer").tryQuery().isPresent());
        robot.clickOn("#new-conversation").write(bob.jid().toString());
        robot.clickOn("#start-chat");
        bob.sendMessage(alice, "hi alice, try the Simulate menu");
        await("bob's message shown").atMost(Duration.ofSeconds(15)).until(() -> shows("bob@localhost: hi alice"));

        robot.clickOn("#simulate-menu").clickOn("#simulate-outage");
        await("the menu names the running simulation").atMost(Duration.ofSeconds(5))
                .until(() -> fx(() -> simulateMenu().getText()).equals("Simulate — Outage (20 s) in progress…"));
        await("the status chip shows the outage").atMost(Duration.ofSeconds(15))
                .until(() -> fx(() -> shell.status().textProperty().get()).startsWith("Reconnecting"));
        assertThat(fx(() -> simulateMenu().getItems().get(0).isDisable())).as("one simulation at a time").isTrue();

        robot.clickOn("#composer").write("sent during the outage").type(KeyCode.ENTER);
        bob.sendMessage(alice, "bob keeps talking");
        await("alice's message is queued").atMost(Duration.ofSeconds(5))
                .until(() -> shows("You: sent during the outage — Queued"));
        await("the status counts it").atMost(Duration.ofSeconds(5)).until(() -> fx(() ->
                shell.status().textProperty().get()).endsWith("1 message will be sent when back"));
        Screenshots.save(stage.getScene(), "simulate-outage");
        robot.interact(() -> shell.darkThemeProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "simulate-outage-dark");
        robot.interact(() -> shell.darkThemeProperty().set(false));

        await("delivered and confirmed after the outage").atMost(Duration.ofSeconds(60))
                .until(() -> fx(() -> deliveryOf("sent during the outage")) == DeliveryState.ACKED);
        await("bob's words from the outage arrive").atMost(Duration.ofSeconds(30))
                .until(() -> shows("bob@localhost: bob keeps talking"));
        await("the menu is free again").atMost(Duration.ofSeconds(30))
                .until(() -> fx(() -> simulateMenu().getText()).equals("Simulate"));
        await("connected").atMost(Duration.ofSeconds(30))
                .until(() -> fx(() -> shell.status().textProperty().get()).equals("Connected"));

        // A later message is a marker: once bob has it, any second copy of the queued one would have come before.
        robot.clickOn("#composer").write("marker").type(KeyCode.ENTER);
        await("bob hears the marker").atMost(Duration.ofSeconds(15)).until(() -> bobEvents.bodies().contains("marker"));
        assertThat(Collections.frequency(bobEvents.bodies(), "sent during the outage")).as("once").isEqualTo(1);
    }

    private Menu simulateMenu() {
        MenuBar bar = (MenuBar) stage.getScene().lookup("#menu");
        return bar.getMenus().stream().filter(m -> "simulate-menu".equals(m.getId())).findFirst().orElseThrow();
    }

    private boolean shows(String startOfText) {
        return fx(() -> stage.getScene().getRoot().lookupAll("#messages .message-cell").stream()
                .map(Node::getAccessibleText)
                .anyMatch(text -> text != null && text.startsWith(startOfText)));
    }

    private DeliveryState deliveryOf(String body) {
        for (MessageItem item : shell.chat().selectedProperty().get().messages()) {
            if (item.outgoing() && item.body().equals(body)) {
                return item.deliveryProperty().get();
            }
        }
        return null;
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading UI state failed", e);
        }
    }
}

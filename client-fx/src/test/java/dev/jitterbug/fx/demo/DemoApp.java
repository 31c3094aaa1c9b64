package dev.jitterbug.fx.demo;

import dev.jitterbug.TrustedCertificates;
import dev.jitterbug.fx.app.JitterbugApp;
import dev.jitterbug.testing.TestCertificates;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Menu;

/**
 * The app as the demo runs it: it also trusts the test authority (for the demo's https retry config on 127.0.0.1)
 * and has the "Simulate" menu. {@code Application.launch} makes the instance, so the launcher hands the faults over
 * through {@link #use} before launching.
 */
public final class DemoApp extends JitterbugApp {
    private static volatile FaultInjector faults;
    private final ExecutorService simulations = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-simulation");
        thread.setDaemon(true);
        return thread;
    });

    /** The faults the next launched demo app's "Simulate" menu injects. */
    static void use(FaultInjector injector) {
        faults = injector;
    }

    @Override
    protected TrustedCertificates trustedCertificates() {
        return TestCertificates.TRUSTING_AUTHORITY;
    }

    @Override
    protected List<Menu> extraMenus() {
        FaultInjector injector = faults;
        return injector == null ? List.of()
                : List.of(SimulateMenu.create(new SimulateViewModel(injector, simulations, Platform::runLater)));
    }

    @Override
    public void stop() {
        simulations.shutdownNow();
        super.stop();
    }
}

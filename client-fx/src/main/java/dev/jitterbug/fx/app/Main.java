package dev.jitterbug.fx.app;

import javafx.application.Application;

/**
 * The launcher. A separate class from {@link JitterbugApp}: launching an {@code Application} subclass directly from
 * the classpath fails with "JavaFX runtime components are missing".
 *
 * <p>Flags: {@code --version} prints the version and exits; {@code --self-test} renders the main window once
 * off-screen and exits 0 (used by the installer smoke tests); {@code --demo} logs into the local demo server.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LaunchOptions options = LaunchOptions.parse(args);
        if (options.version()) {
            System.out.println("Jitterbug " + AppInfo.version());
            return;
        }
        if (options.selfTest()) {
            System.exit(SelfTest.run());
        }
        // "System settings" for a proxy means the desktop's too (GNOME, Windows, macOS) when the environment
        // (https_proxy, no_proxy) names none; read before anything asks Java for its proxy selector.
        if (System.getProperty("java.net.useSystemProxies") == null) {
            System.setProperty("java.net.useSystemProxies", "true");
        }
        Application.launch(JitterbugApp.class, args);
    }
}

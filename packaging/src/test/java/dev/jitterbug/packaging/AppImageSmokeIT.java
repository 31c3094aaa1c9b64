package dev.jitterbug.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the built app-image's launcher as a user would: it must answer --version and pass --self-test. */
class AppImageSmokeIT {
    @TempDir
    Path home;

    @Test
    void launcherPrintsTheProjectVersion() {
        Command.Result result = launch("--version").runOk();

        assertThat(result.stdout()).isEqualTo("Jitterbug " + BuiltInstallers.version() + System.lineSeparator());
    }

    @Test
    void launcherRendersTheMainWindowInSelfTest() {
        Command.Result result = launch("--self-test").runOk();

        assertThat(result.stdout().trim())
                .matches("Jitterbug " + BuiltInstallers.version().replace(".", "\\.")
                        + " self-test OK: main window rendered [1-9][0-9]*x[1-9][0-9]*");
    }

    /**
     * The launcher with an empty home of its own: user.home via JDK_JAVA_OPTIONS, since Java takes it from the
     * password database, not from $HOME. Without a display (CI), Linux runs it under xvfb-run.
     */
    private Command launch(String flag) {
        Path launcher = BuiltInstallers.launcher();
        assertThat(launcher).as("the app-image launcher").isExecutable();
        boolean needsVirtualDisplay = System.getProperty("os.name").startsWith("Linux") && "--self-test".equals(flag)
                && System.getenv("DISPLAY") == null;
        Command command = needsVirtualDisplay
                ? Command.of(xvfbRun(), "-a", launcher.toString(), flag)
                : Command.of(launcher.toString(), flag);
        return command.env("HOME", home.toString()).env("JDK_JAVA_OPTIONS", "-Duser.home=" + home);
    }

    private static String xvfbRun() {
        Path xvfbRun = Path.of("/usr/bin/xvfb-run");
        if (!Files.isExecutable(xvfbRun)) {
            throw new IllegalStateException("There is no display and no /usr/bin/xvfb-run to make one: "
                    + "sudo apt-get install -y xvfb xauth libgtk-3-0 (or set DISPLAY)");
        }
        return xvfbRun.toString();
    }
}

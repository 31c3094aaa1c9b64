package dev.jitterbug.fx.app;

import java.util.Arrays;
import java.util.List;

/** The command-line flags the app understands. */
public final class LaunchOptions {
    private final boolean version;
    private final boolean selfTest;
    private final boolean demo;

    private LaunchOptions(boolean version, boolean selfTest, boolean demo) {
        this.version = version;
        this.selfTest = selfTest;
        this.demo = demo;
    }

    public static LaunchOptions parse(String... args) {
        List<String> list = Arrays.asList(args);
        return new LaunchOptions(list.contains("--version"), list.contains("--self-test"), list.contains("--demo"));
    }

    public boolean version() {
        return version;
    }

    public boolean selfTest() {
        return selfTest;
    }

    public boolean demo() {
        return demo;
    }
}

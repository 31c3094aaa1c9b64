package dev.jitterbug.fx.app;

/** What the app knows about itself. */
public final class AppInfo {
    public static final String NAME = "Jitterbug";

    private AppInfo() {
    }

    /** The version from the jar manifest (set by Maven), or "dev" when run from classes. */
    public static String version() {
        String version = AppInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}

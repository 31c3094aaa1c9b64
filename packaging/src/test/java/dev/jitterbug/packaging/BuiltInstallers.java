package dev.jitterbug.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the installers build (packaging/pom.xml, profile installers) left its output, and what it was told. The pom hands
 * these to the tests as system properties.
 */
final class BuiltInstallers {
    private BuiltInstallers() {
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("System property " + name + " is not set: run these tests through Maven, "
                    + "./mvnw -B -Pinstallers verify (packaging/pom.xml passes it to failsafe)");
        }
        return value;
    }

    static Path dir() {
        return Paths.get(property("jitterbug.installersDir"));
    }

    static String appName() {
        return property("jitterbug.appName");
    }

    /** The project version, as the app reports it (e.g. 0.1.0-SNAPSHOT). */
    static String version() {
        return property("jitterbug.version");
    }

    /** The numeric version jpackage writes into package metadata (e.g. 0.1.0). */
    static String appVersion() {
        return property("jitterbug.appVersion");
    }

    /** The app-image's launcher on the OS the tests run on. */
    static Path launcher() {
        String os = System.getProperty("os.name");
        String name = appName();
        if (os.startsWith("Windows")) {
            return dir().resolve(name).resolve(name + ".exe");
        }
        if (os.startsWith("Mac")) {
            return dir().resolve(name + ".app").resolve("Contents/MacOS").resolve(name);
        }
        return dir().resolve(name).resolve("bin").resolve(name);
    }

    /** The app-image folder holding the app's jars (the class path). */
    static Path appJars() {
        String os = System.getProperty("os.name");
        String name = appName();
        if (os.startsWith("Windows")) {
            return dir().resolve(name).resolve("app");
        }
        if (os.startsWith("Mac")) {
            return dir().resolve(name + ".app").resolve("Contents/app");
        }
        return dir().resolve(name).resolve("lib/app");
    }

    /** The jlinked runtime's {@code release} file, which lists its modules. */
    static Path runtimeRelease() {
        String os = System.getProperty("os.name");
        String name = appName();
        if (os.startsWith("Windows")) {
            return dir().resolve(name).resolve("runtime/release");
        }
        if (os.startsWith("Mac")) {
            return dir().resolve(name + ".app").resolve("Contents/runtime/Contents/Home/release");
        }
        return dir().resolve(name).resolve("lib/runtime/release");
    }

    /** The one installer file of the given extension (deb, msi, dmg). */
    static Path installer(String extension) {
        try (Stream<Path> files = Files.list(dir())) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith("." + extension))
                    .collect(Collectors.toList());
            if (found.size() != 1) {
                throw new AssertionError("Expected exactly one ." + extension + " in " + dir() + ", found " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir(), e);
        }
    }
}

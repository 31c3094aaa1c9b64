package dev.jitterbug.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The .deb as dpkg sees it: control fields, file list, size, and what its menu entry and scripts say. */
@EnabledIfSystemProperty(named = "jitterbug.installerType", matches = "deb")
class DebPackageIT {
    private static final String PREFIX = "./opt/jitterbug/";
    private static final long MAX_SIZE_BYTES = 40_000_000L;

    private static Path deb;
    private static Map<String, String> control;
    private static List<String> files;

    @BeforeAll
    static void readPackage() {
        deb = BuiltInstallers.installer("deb");
        control = controlFields(Command.of("dpkg-deb", "--field", deb.toString()).runOk().stdout());
        files = fileList(Command.of("dpkg-deb", "--contents", deb.toString()).runOk().stdout());
    }

    @Test
    void controlFieldsDescribeJitterbug() {
        String architecture = Command.of("dpkg", "--print-architecture").runOk().stdout().trim();

        assertThat(control).containsEntry("Package", "jitterbug")
                .containsEntry("Version", BuiltInstallers.appVersion() + "-1")
                .containsEntry("Architecture", architecture)
                .containsEntry("Section", "net")
                .containsEntry("Maintainer", "Jitterbug <" + BuiltInstallers.property("jitterbug.maintainer") + ">")
                .containsEntry("Description", BuiltInstallers.property("jitterbug.description"))
                .containsEntry("Homepage", "https://jitterbug.dev");
    }

    @Test
    void dependsOnGtkWhichJavaFxLoadsAtRunTime() {
        List<String> depends = Arrays.asList(control.get("Depends").split("\\s*,\\s*"));

        assertThat(depends).contains("libgtk-3-0", "xdg-utils", "libc6");
    }

    @Test
    void installsLauncherAppJarsRuntimeIconMenuEntryAndLicenceUnderOpt() {
        assertThat(files).contains(
                PREFIX + "bin/jitterbug",
                PREFIX + "lib/app/" + BuiltInstallers.property("jitterbug.mainJar"),
                PREFIX + "lib/app/jitterbug.cfg",
                PREFIX + "lib/runtime/lib/modules",
                PREFIX + "lib/jitterbug.png",
                PREFIX + "lib/jitterbug-jitterbug.desktop",
                PREFIX + "share/doc/copyright");
        assertThat(files).as("every file stays under /opt/jitterbug")
                .allMatch(f -> f.equals("./") || f.equals("./opt/") || f.startsWith(PREFIX));
    }

    @Test
    void javaFxIsLinkedIntoTheRuntimeNotCopiedAsJars() {
        assertThat(files).filteredOn(f -> f.startsWith(PREFIX + "lib/app/"))
                .noneMatch(f -> f.substring(f.lastIndexOf('/') + 1).startsWith("javafx-"))
                .anyMatch(f -> f.contains("client-core-"));
    }

    @Test
    void launcherIsExecutable() {
        String listing = Command.of("dpkg-deb", "--contents", deb.toString()).runOk().stdout();

        assertThat(listing.lines().filter(line -> line.endsWith(" " + PREFIX + "bin/jitterbug")))
                .singleElement().asString().startsWith("-rwxr-xr-x");
    }

    @Test
    void staysUnder40Megabytes() throws IOException {
        assertThat(Files.size(deb)).isLessThan(MAX_SIZE_BYTES);
    }

    @Test
    void runtimeHoldsTheJavaFxAndTlsModules(@TempDir Path root) throws IOException {
        Command.of("dpkg-deb", "--extract", deb.toString(), root.toString()).runOk();
        String release = read(root.resolve("opt/jitterbug/lib/runtime/release"));

        assertThat(release).contains("javafx.controls", "javafx.graphics", "jdk.crypto.ec", "java.naming");
    }

    @Test
    void menuEntryStartsTheLauncherWithTheIcon(@TempDir Path root) throws IOException {
        Command.of("dpkg-deb", "--extract", deb.toString(), root.toString()).runOk();
        List<String> entry = read(root.resolve("opt/jitterbug/lib/jitterbug-jitterbug.desktop")).lines()
                .collect(java.util.stream.Collectors.toList());

        assertThat(entry).contains("[Desktop Entry]", "Name=Jitterbug", "Type=Application",
                "Exec=/opt/jitterbug/bin/jitterbug", "Icon=/opt/jitterbug/lib/jitterbug.png",
                "Categories=Network;InstantMessaging;");
    }

    @Test
    void maintainerScriptsSucceedOnAMachineWithoutADesktopMenu(@TempDir Path dir) throws IOException {
        Path scripts = dir.resolve("control");
        Command.of("dpkg-deb", "--control", deb.toString(), scripts.toString()).runOk();
        // What xdg-desktop-menu does where no menu directories exist (a server, a container): the stock jpackage
        // scripts passed that exit code on, so apt-get left the package half-installed and could not remove it either.
        Path calls = dir.resolve("calls");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path fakeMenuTool = bin.resolve("xdg-desktop-menu");
        Files.write(fakeMenuTool, ("#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                + "echo 'xdg-desktop-menu: No writable system menu directory found.' >&2\nexit 3\n")
                .getBytes(StandardCharsets.UTF_8));
        fakeMenuTool.toFile().setExecutable(true);
        String path = bin + ":/usr/bin:/bin";

        Command.of("sh", scripts.resolve("postinst").toString(), "configure").env("PATH", path).runOk();
        Command.of("sh", scripts.resolve("prerm").toString(), "remove").env("PATH", path).runOk();

        String desktopEntry = "/opt/jitterbug/lib/jitterbug-jitterbug.desktop";
        assertThat(files).contains("." + desktopEntry);
        assertThat(Files.readAllLines(calls)).containsExactly("install " + desktopEntry, "uninstall " + desktopEntry);
    }

    private static Map<String, String> controlFields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith(" ")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** The paths of a `dpkg-deb --contents` listing (tar -tv format: the path is the sixth column). */
    private static List<String> fileList(String listing) {
        List<String> paths = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String[] columns = line.trim().split("\\s+", 6);
            if (columns.length == 6) {
                paths.add(columns[5]);
            }
        }
        return paths;
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}

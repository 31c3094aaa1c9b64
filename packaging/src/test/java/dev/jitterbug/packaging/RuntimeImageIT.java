package dev.jitterbug.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The jlinked runtime has every JDK module the app's jars require. A dependency that needs a module missing from
 * jitterbug.jdkModules (packaging/pom.xml) would otherwise pass the build and fail on users' machines with
 * NoClassDefFoundError, possibly only on a rarely used path that --self-test does not reach.
 */
class RuntimeImageIT {
    @Test
    void runtimeHoldsEveryModuleTheAppJarsRequire() throws IOException {
        List<String> required = modulesRequiredByAppJars();
        List<String> linked = runtimeModules();

        assertThat(required).as("jdeps found the app's requirements").contains("java.base", "java.desktop");
        assertThat(linked).as("modules in %s", BuiltInstallers.runtimeRelease()).containsAll(required);
    }

    /** jdeps over the app jars as modules (they are all named or automatic), with the JavaFX platform jars beside them. */
    private static List<String> modulesRequiredByAppJars() {
        String jdeps = Paths.get(System.getProperty("java.home"), "bin", "jdeps").toString();
        String modulePath = BuiltInstallers.appJars() + File.pathSeparator
                + BuiltInstallers.property("jitterbug.javafxModulesDir");
        String printed = Command.of(jdeps, "--multi-release", "17", "--ignore-missing-deps", "--print-module-deps",
                "--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH").runOk().stdout().trim();
        return Arrays.asList(printed.split(","));
    }

    private static List<String> runtimeModules() throws IOException {
        String release = new String(Files.readAllBytes(BuiltInstallers.runtimeRelease()), StandardCharsets.UTF_8);
        Matcher modules = Pattern.compile("(?m)^MODULES=\"([^\"]*)\"").matcher(release);
        assertThat(modules.find()).as("release file names its modules:%n%s", release).isTrue();
        return Arrays.asList(modules.group(1).split(" "));
    }
}

package dev.jitterbug.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package rules of client-core, as the README's package graph draws them: the root package holds the public API —
 * its vocabulary (events, messages, failures) depends on nothing of ours, the options name the seams an application
 * fills (store, retry config), and only the facade, {@code JitterbugClient}, reaches the engine under
 * {@code internal} — and no two packages depend on each other in a circle.
 */
class ArchitectureTest {
    /** The root package's facade: the one class that reaches the engine. */
    static final List<String> FACADE = Arrays.asList("JitterbugClient");
    /** The root package's options: what an application chooses and plugs in. */
    static final List<String> OPTIONS = Arrays.asList("ClientOptions", "SharedResources");

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.jitterbug");

    /** Each subpackage is a slice; the root package is two: its vocabulary and its facade. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (!pkg.startsWith("dev.jitterbug")) {
                return SliceIdentifier.ignore();
            }
            if (pkg.equals("dev.jitterbug")) {
                String outer = javaClass.getSimpleName().isEmpty() ? javaClass.getName()
                        : topLevel(javaClass).getSimpleName();
                return SliceIdentifier.of(FACADE.contains(outer) ? "API facade"
                        : OPTIONS.contains(outer) ? "API options" : "API vocabulary");
            }
            return SliceIdentifier.of(pkg.substring("dev.jitterbug.".length()));
        }

        @Override
        public String getDescription() {
            return "client-core's packages (the root split into vocabulary, options and facade)";
        }
    };

    private static JavaClass topLevel(JavaClass javaClass) {
        JavaClass outer = javaClass;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    @Test
    void noPackagesDependOnEachOtherInACircle() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theApiVocabularyDependsOnNothingOfOurs() {
        classes().that().resideInAPackage("dev.jitterbug").and().haveNameNotMatching(
                "dev\\.jitterbug\\.(" + String.join("|", FACADE) + "|" + String.join("|", OPTIONS) + ")(\\$.*)?")
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage("dev.jitterbug..")
                        .or(JavaClass.Predicates.resideInAPackage("dev.jitterbug")))
                .check(CORE);
    }

    @Test
    void onlyTheFacadeReachesTheEngine() {
        noClasses().that().resideOutsideOfPackages("dev.jitterbug.internal..").and().haveNameNotMatching(
                "dev\\.jitterbug\\.(" + String.join("|", FACADE) + ")(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("dev.jitterbug.internal..").check(CORE);
    }

    @Test
    void theCoreUsesNoDesktopApiAndNothingOfTheShell() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..",
                "dev.jitterbug.fx..").check(CORE);
    }
}

package dev.trainbench.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class UiArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.trainbench");

    @Test
    void uiNeverImportsDjl() {
        noClasses().that().resideInAPackage("dev.trainbench.ui..").should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("the UI talks to training through plain records and services, never the engine").check(CLASSES);
    }

    @Test
    void nothingOutsideTheUiDependsOnIt() {
        noClasses().that().resideOutsideOfPackage("dev.trainbench.ui..").and().doNotHaveFullyQualifiedName("dev.trainbench.Launcher")
                .should().dependOnClassesThat().resideInAPackage("dev.trainbench.ui..")
                .because("the core and the CLI must work without the GUI").check(CLASSES);
    }

    @Test
    void javafxOnlyInTheUi() {
        noClasses().that().resideOutsideOfPackage("dev.trainbench.ui..").and().doNotHaveFullyQualifiedName("dev.trainbench.Launcher")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the core never imports JavaFX").check(CLASSES);
    }
}

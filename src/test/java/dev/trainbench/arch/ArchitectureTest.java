package dev.trainbench.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * Dependencies point to the centre (spec), the core never knows about its front ends, and only
 * the front ends talk to the user. One rule per concern; each says why it exists.
 */
@AnalyzeClasses(packages = "dev.trainbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {
        "dev.trainbench.spec..", "dev.trainbench.data..", "dev.trainbench.model..", "dev.trainbench.train..",
        "dev.trainbench.diagnose..", "dev.trainbench.runs..", "dev.trainbench.compare.."
    };

    @ArchTest
    static final ArchRule javafxOnlyInUi = noClasses()
            .that().resideOutsideOfPackage("dev.trainbench.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
            .because("the core and the CLI must run headless and be testable without a display; "
                    + "only the ui package may use JavaFX");

    @ArchTest
    static final ArchRule djlOnlyInModelAndTrain = noClasses()
            .that().resideOutsideOfPackages("dev.trainbench.model..", "dev.trainbench.train..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("native memory and the engine stay behind model and train, which hand out plain "
                    + "records; data works on plain arrays and the UI never touches an NDArray");

    @ArchTest
    static final ArchRule coreAndCliDoNotDependOnUi = noClasses()
            .that().resideInAnyPackage(withCli())
            .should().dependOnClassesThat().resideInAPackage("dev.trainbench.ui..")
            .because("the UI is a front end on top of the services; the core and the CLI must work without it");

    @ArchTest
    static final ArchRule onlyTheLauncherDependsOnCli = noClasses()
            .that().resideOutsideOfPackage("dev.trainbench.cli..")
            .and().doNotHaveFullyQualifiedName("dev.trainbench.Launcher")
            .should().dependOnClassesThat().resideInAPackage("dev.trainbench.cli..")
            .because("the CLI is a front end: it builds the same specs and calls the same services as the GUI, "
                    + "and nothing else may reach into it");

    @ArchTest
    static final ArchRule coreDoesNotUseStandardStreams = noClasses()
            .that().resideInAnyPackage(CORE)
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("the core reports through return values, exceptions and events; only the cli and ui "
                    + "decide what the user sees (a GUI has no console, a script parses stdout)");

    @ArchTest
    static final ArchRule specDependsOnNothingElseOfTrainBench = noClasses()
            .that().resideInAPackage("dev.trainbench.spec..")
            .should().dependOnClassesThat(
                    resideInAPackage("dev.trainbench..").and(resideOutsideOfPackage("dev.trainbench.spec..")))
            .because("the spec is the plain recipe every layer exchanges; it sits at the centre and "
                    + "must not drag any other part of TrainBench along");

    @ArchTest
    static final ArchRule runStoreIsStorageOnly = noClasses()
            .that().resideInAPackage("dev.trainbench.runs..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trainbench.compare..", "dev.trainbench.train..",
                    "dev.trainbench.model..", "dev.trainbench.diagnose..")
            .because("run folders are the storage everything else reads and writes; training and analysis sit on "
                    + "top of them, never the other way round");

    @ArchTest
    static final ArchRule compareReadsRunFoldersWithoutTheEngine = noClasses()
            .that().resideInAPackage("dev.trainbench.compare..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trainbench.train..", "dev.trainbench.model..", "ai.djl..")
            .because("a comparison is computed from run folders (specs, metrics files, fingerprints): it must work, "
                    + "and start fast, without loading the training engine");

    @ArchTest
    static final ArchRule dataKnowsNothingOfRunsOrTraining = noClasses()
            .that().resideInAPackage("dev.trainbench.data..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trainbench.runs..", "dev.trainbench.train..",
                    "dev.trainbench.compare..", "dev.trainbench.model..")
            .because("data loading, splitting and fingerprinting are plain functions of a spec and files, "
                    + "used by training, profiling and comparison alike");

    @ArchTest
    static final ArchRule uiDoesNotUseDjl = noClasses()
            .that().resideInAPackage("dev.trainbench.ui..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .allowEmptyShould(true)
            .because("the UI talks to the trainer in plain records (the ui package may not exist yet)");

    private static String[] withCli() {
        String[] packages = java.util.Arrays.copyOf(CORE, CORE.length + 1);
        packages[CORE.length] = "dev.trainbench.cli..";
        return packages;
    }
}

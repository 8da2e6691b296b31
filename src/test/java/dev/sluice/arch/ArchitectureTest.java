package dev.sluice.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of STYLE.md, enforced: JavaFX only in app and ui; services never reach up into the UI. */
@AnalyzeClasses(packages = "dev.sluice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyAppAndUiUseJavaFx = noClasses()
            .that().resideOutsideOfPackages("dev.sluice.app..", "dev.sluice.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .as("nothing outside dev.sluice.app and dev.sluice.ui imports javafx");

    @ArchTest
    static final ArchRule servicesNeverReachIntoTheUi = noClasses()
            .that().resideInAnyPackage("dev.sluice.host..", "dev.sluice.zfs..", "dev.sluice.vbox..", "dev.sluice.qemu..",
                    "dev.sluice.migrate..", "dev.sluice.metrics..", "dev.sluice.config..", "dev.sluice.task..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.ui..", "dev.sluice.app..")
            .as("host, zfs, vbox, qemu, migrate, metrics, config and task never import dev.sluice.ui or dev.sluice.app");

    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .as("ViewModels hold properties and commands, no Nodes (no javafx.scene)");

    @ArchTest
    static final ArchRule featuresDoNotDependOnTheShell = noClasses()
            .that().resideInAPackage("dev.sluice.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.sluice.app..")
            .as("feature views never reach into the composition root");
}

package dev.daxspec;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The direction between the stages' packages, as the build enforces it: a class may import
 * only from the stages below its own (the main classes of the oracle and the generators;
 * tests may reach across). From the bottom:
 *
 * <pre>
 * oracle                         the model (dev.daxspec.oracle..)
 * spec                           features compiled into scenarios (read as UTF-8 by files)
 * diff, files, junit, host, run  utilities and the VM harness: nothing of daxspec below them
 * check, emit                    scenarios judged; scenarios as test cases and suites
 * suite, conform                 a suite run in the VM; cases compared on the oracle and the VM
 * explore                        generated programs on the oracle and a backend
 * series, report                 the workflows over them all, apart from each other
 * cli                            the commands; nothing imports them
 * </pre>
 *
 * <p>And no cycles: between the top-level packages, between the oracle's packages, and
 * between {@code series} and its sub-packages (git, diff, mail, clang, calls, impact, regress,
 * review), each package a slice of its own.
 */
@AnalyzeClasses(packages = "dev.daxspec", importOptions = ImportOption.DoNotIncludeTests.class)
class StagesTest {

    private static final String[] UTILITIES = {"Diff", "Files", "JUnit", "Host"};

    @ArchTest
    static final ArchRule stagesImportOnlyDownwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Oracle")
            .definedBy("dev.daxspec.oracle..")
            .layer("Spec")
            .definedBy("dev.daxspec.spec..")
            .layer("Diff")
            .definedBy("dev.daxspec.diff..")
            .layer("Files")
            .definedBy("dev.daxspec.files..")
            .layer("JUnit")
            .definedBy("dev.daxspec.junit..")
            .layer("Host")
            .definedBy("dev.daxspec.host..")
            .layer("Run")
            .definedBy("dev.daxspec.run..")
            .layer("Check")
            .definedBy("dev.daxspec.check..")
            .layer("Emit")
            .definedBy("dev.daxspec.emit..")
            .layer("Suite")
            .definedBy("dev.daxspec.suite..")
            .layer("Conform")
            .definedBy("dev.daxspec.conform..")
            .layer("Explore")
            .definedBy("dev.daxspec.explore..")
            .layer("Series")
            .definedBy("dev.daxspec.series..")
            .layer("Report")
            .definedBy("dev.daxspec.report..")
            .layer("Cli")
            .definedBy("dev.daxspec.cli..")
            .whereLayer("Oracle")
            .mayNotAccessAnyLayer()
            .whereLayer("Spec")
            .mayOnlyAccessLayers("Oracle", "Files")
            .whereLayer("Diff")
            .mayNotAccessAnyLayer()
            .whereLayer("Files")
            .mayNotAccessAnyLayer()
            .whereLayer("JUnit")
            .mayNotAccessAnyLayer()
            .whereLayer("Host")
            .mayNotAccessAnyLayer()
            .whereLayer("Run")
            .mayNotAccessAnyLayer()
            .whereLayer("Check")
            .mayOnlyAccessLayers(below("Oracle", "Spec"))
            .whereLayer("Emit")
            .mayOnlyAccessLayers(below("Oracle", "Spec"))
            .whereLayer("Suite")
            .mayOnlyAccessLayers(below("Oracle", "Spec", "Run", "Emit"))
            .whereLayer("Conform")
            .mayOnlyAccessLayers(below("Oracle", "Spec", "Run", "Emit"))
            .whereLayer("Explore")
            .mayOnlyAccessLayers(below("Oracle", "Spec", "Run", "Emit", "Conform"))
            .whereLayer("Series")
            .mayOnlyAccessLayers(below("Oracle", "Spec", "Run", "Check", "Emit", "Suite", "Conform", "Explore"))
            .whereLayer("Report")
            .mayOnlyAccessLayers(below("Oracle", "Spec", "Run", "Check", "Emit", "Suite", "Conform", "Explore"))
            .whereLayer("Cli")
            .mayNotBeAccessedByAnyLayer();

    @ArchTest
    static final ArchRule noCyclesBetweenPackages =
            slices().matching("dev.daxspec.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesInTheOracle =
            slices().matching("dev.daxspec.oracle.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesInTheSeries = slices().assignedFrom(new EachPackageOf("dev.daxspec.series"))
            .should()
            .beFreeOfCycles();

    /** Each package at or under {@code root} a slice; classes elsewhere in none. */
    private record EachPackageOf(String root) implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            return p.equals(root) || p.startsWith(root + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of " + root;
        }
    }

    /** {@code layers} and the utilities, which every stage above them may use. */
    private static String[] below(String... layers) {
        String[] all = new String[layers.length + UTILITIES.length];
        System.arraycopy(layers, 0, all, 0, layers.length);
        System.arraycopy(UTILITIES, 0, all, layers.length, UTILITIES.length);
        return all;
    }
}

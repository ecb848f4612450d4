package dev.daxspec.cli;

import dev.daxspec.conform.CaseOutcome;
import dev.daxspec.conform.Conformance;
import dev.daxspec.conform.ConformanceCase;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.emit.Verdict;
import dev.daxspec.files.AtomicFile;
import dev.daxspec.junit.JUnitXml;
import dev.daxspec.oracle.fs.Unpredictable;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.report.KernelResults;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.RunFigures;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import dev.daxspec.run.VmException;
import dev.daxspec.run.VmOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daxspec conform}: the oracle against a real kernel, case by case. */
@Command(
        name = "conform",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Hold the oracle to a real kernel: run conformance cases on both and diff.",
            "",
            "Each case (fixtures/conformance/*.case) makes a filesystem, mounts it and runs"
                    + " xfs_io; the oracle predicts the transcript and a kernel booted in qemu (pmem"
                    + " and brd, see ci/vm/README.md) prints one. Both go through the shared filter. A"
                    + " case prints PASS, FAIL with a unified diff, or KNOWN-DEVIATION when the"
                    + " kernel departs from the rule exactly as recorded in the known-deviations file.",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec conform                                   # every bundled case",
            "  daxspec conform fixtures/conformance/io-write.case --case 'pwrite*'",
            "  daxspec conform --kernel arch/x86/boot/bzImage \\",
            "      --modules /tmp/mods/lib/modules/6.12.0",
            "  daxspec conform --list                            # the case names",
            "  daxspec conform --oracle-only --case 'mmap-past-eof*'   # the oracle's output",
            "  daxspec conform --features --case 'mmap-pmd_faults-*'   # scenarios as cases",
            "",
            "Exit status: 0 when every case matched or is a known deviation, 1 when one"
                    + " differs, 2 for bad input (a case file problem is reported as file:line).",
        })
final class ConformCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VmKernelOptions kernelOptions;

    @Parameters(
            paramLabel = "CASES",
            arity = "0..*",
            description = "Case files or directories of them. Default: fixtures/conformance (with --features:"
                    + " feature files or directories, default features/).")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--features",
            description = "Run the scenarios of features as cases, each named by its scenario id"
                    + " (mmap-eof_sigbus-23); crash scenarios included.")
    boolean features;

    @Option(
            names = "--case",
            paramLabel = "GLOB",
            description = "Only the cases whose name matches (* and ? wildcards); repeatable.")
    List<String> only = new ArrayList<>();

    @Option(
            names = "--known",
            paramLabel = "FILE",
            description = "Known deviations. Default: fixtures/conformance/known-deviations.json, with --features"
                    + " features/known-deviations.json.")
    Path knownFile;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description = "Also write a JUnit XML report of the kernel's run here.")
    Path junit;

    @Option(
            names = "--oracle-only",
            description = "Print the oracle's transcripts; boot nothing (so no --junit or --record).")
    boolean oracleOnly;

    @Option(
            names = "--list",
            description = "Print the name and place of each case selected (with --features:"
                    + " each scenario id), one a line, and exit; boot nothing.")
    boolean list;

    @Option(
            names = "--record",
            paramLabel = "DIR",
            description = "Also write each case's kernel transcript (filtered) to DIR/CASE.out; the"
                    + " bundled ones are fixtures/conformance/recorded, which the unit tests hold the oracle to.")
    Path record;

    @Option(
            names = "--kernel-profile",
            paramLabel = "RELEASE[:LSM,...]",
            description = "Where correct kernels differ by release and configuration, e.g. 6.18.44:landlock."
                    + " Default: derived from the booted kernel's release (the guest runs no LSM with a"
                    + " superblock blob).")
    String kernelProfile;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "Per-case time limit in the VM. Default: ${DEFAULT-VALUE}.")
    int timeout;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOutputs();
        List<ConformanceCase> cases = load();
        if (list) {
            int width = cases.stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (ConformanceCase c : cases) {
                out.println(c.name() + " ".repeat(width - c.name().length()) + "  " + c.where());
            }
            out.flush();
            return 0;
        }
        // Read before the oracle or a VM runs, with --oracle-only too: a bad file is found at once.
        KnownDeviations known = CaseSelection.known(knownFile, features);
        Kernel reference = Kernel.CORRECT.withProfile(profile());
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (ConformanceCase c : cases) {
            try {
                expected.put(c.name(), Conformance.expected(c, reference));
            } catch (Unpredictable e) {
                throw new UserError(
                        c.where() + ": case " + c.name() + ": the oracle cannot predict it: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UserError(c.where() + ": case " + c.name() + ": " + e.getMessage());
            }
        }
        if (oracleOnly) {
            for (ConformanceCase c : cases) {
                List<String> all = expected.get(c.name());
                for (int i = 0; i < all.size(); i++) {
                    out.println("### " + c.name() + "  (" + c.where() + ")"
                            + (all.size() > 1 ? "  outcome " + (i + 1) + " of " + all.size() : ""));
                    out.print(all.get(i));
                }
            }
            out.flush();
            return 0;
        }
        Vm vm;
        KernelBuild kernel;
        try {
            kernel = kernelOptions.kernel();
            vm = new Vm(
                    kernel,
                    VmOptions.defaults()
                            .withJobTimeout(Duration.ofSeconds(timeout))
                            .withSnapshotCache(VmOptions.userSnapshotCache()));
        } catch (VmException e) {
            throw new UserError(e.getMessage());
        }
        List<CaseOutcome> outcomes = new ArrayList<>();
        int total = cases.size();
        Conformance conformance = new Conformance(vm, known);
        RunFigures figures = conformance.run(
                cases,
                expected,
                event -> {
                    if (event instanceof VmEvent.PhaseStarted s) {
                        err.printf("conform: [%d/%d] running %s%n", outcomes.size() + 1, total, s.id());
                        err.flush();
                    } else {
                        BootProgress.tell(err, "conform", event);
                    }
                },
                o -> {
                    outcomes.add(o);
                    print(out, o, outcomes.size(), total);
                    if (record != null && !o.actual().isEmpty()) {
                        try {
                            AtomicFile.write(record.resolve(o.testCase().name() + ".out"), o.actual());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
        long passed = outcomes.stream().filter(o -> o.verdict().passed()).count();
        long deviations = outcomes.stream()
                .filter(o -> o.verdict() == Verdict.KNOWN_DEVIATION)
                .count();
        long infra = outcomes.stream().filter(o -> o.verdict() == Verdict.INFRA).count();
        long failed = total - passed - infra;
        out.printf("%nkernel %s: %s%n", kernel.release(), figures.summary());
        if (deviations > 0) {
            out.printf(
                    "%d known deviation%s (see %s)%n",
                    deviations, deviations == 1 ? "" : "s", CaseSelection.knownFile(knownFile, features));
        }
        if (infra > 0) {
            out.printf("%d INFRA: the harness got no clean answer, twice; not counted as kernel failures%n", infra);
        }
        out.printf("%d passed, %d failed%n", passed, failed);
        out.flush();
        if (junit != null) {
            writeJunit(outcomes, kernel.release());
        }
        return failed == 0 && infra == 0 ? 0 : 1;
    }

    private void print(PrintWriter out, CaseOutcome o, int i, int total) {
        out.printf(
                "[%" + String.valueOf(total).length() + "d/%d] %-15s %s%n",
                i,
                total,
                o.verdict().label(),
                o.testCase().name());
        if (o.verdict() == Verdict.FAIL || o.verdict() == Verdict.INFRA) {
            if (!o.detail().isEmpty()) {
                o.detail().lines().forEach(l -> out.println("    " + l));
            }
            if (o.verdict() == Verdict.FAIL) {
                o.diff().lines().forEach(l -> out.println("    " + l));
            }
            out.println("    rerun: daxspec conform " + (features ? "--features " : "") + "--case '"
                    + o.testCase().name() + "'");
        } else if (o.verdict() == Verdict.KNOWN_DEVIATION) {
            out.println("    " + o.detail());
        }
        out.flush();
    }

    private void writeJunit(List<CaseOutcome> outcomes, String release) throws IOException {
        JUnitXml x = new JUnitXml("daxspec.conform");
        x.property(KernelResults.KERNEL_PROPERTY, release);
        for (CaseOutcome o : outcomes) {
            String cls =
                    "conform." + o.testCase().file().getFileName().toString().replaceFirst("\\.case$", "");
            if (o.verdict() == Verdict.INFRA) {
                x.error(
                        cls,
                        o.testCase().name(),
                        o.seconds(),
                        "infra",
                        o.detail().lines().findFirst().orElse("INFRA"),
                        o.detail());
            } else if (o.verdict() == Verdict.FAIL) {
                x.fail(
                        cls,
                        o.testCase().name(),
                        o.seconds(),
                        "transcript-differs",
                        "kernel transcript differs from the oracle's",
                        (o.detail().isEmpty() ? "" : o.detail() + "\n") + o.diff(),
                        o.actual());
            } else {
                x.pass(
                        cls,
                        o.testCase().name(),
                        o.seconds(),
                        o.verdict() == Verdict.KNOWN_DEVIATION
                                ? "KNOWN-DEVIATION: " + o.detail() + "\n" + o.actual()
                                : o.actual());
            }
        }
        x.write(junit);
    }

    /**
     * Refuses, before any case is read, --junit and --record where no kernel runs (with
     * --oracle-only or --list, which would write nothing), and a --junit or --record that
     * cannot be written.
     */
    private void checkOutputs() {
        if (oracleOnly || list) {
            String with = oracleOnly ? "--oracle-only" : "--list";
            if (junit != null || record != null) {
                throw new UserError((junit != null ? "--junit" : "--record") + " reports a kernel's run, and " + with
                        + " boots none; drop one of them");
            }
        }
        if (junit != null) {
            OutputFile.checkWritable("--junit", junit);
        }
        if (record != null) {
            OutputFile.checkDirectory("--record", record);
        }
        VmKernelOptions.checkTimeout(timeout);
    }

    /** The profile given, or the booted kernel's: its release, and no LSM with a superblock blob. */
    private KernelProfile profile() {
        if (kernelProfile != null) {
            return UserError.parsing(() -> KernelProfile.parse(kernelProfile));
        }
        if (oracleOnly) {
            return KernelProfile.DEFAULT;
        }
        try {
            return KernelProfile.of(kernelOptions.kernel().release(), List.of());
        } catch (VmException | UserError e) {
            // reported when the VM is set up
            return KernelProfile.DEFAULT;
        }
    }

    private List<ConformanceCase> load() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        return features ? CaseSelection.loadFeatures(paths, only, err) : CaseSelection.load(paths, only, err);
    }
}

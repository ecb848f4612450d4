package dev.daxspec.cli;

import dev.daxspec.emit.Format;
import dev.daxspec.emit.Suite;
import dev.daxspec.junit.JUnitXml;
import dev.daxspec.report.KernelResults;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.RunResult;
import dev.daxspec.run.VmException;
import dev.daxspec.suite.SuiteRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daxspec run}: a generated suite on a real kernel in the VM. */
@Command(
        name = "run",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Run a suite written by 'daxspec generate' on a real kernel booted in qemu.",
            "",
            "Each test of a shell suite runs in the guest on /dev/pmem0 or /dev/ram0, the",
            "device its expected output was predicted on, and prints PASS, FAIL with the",
            "diff of expected and actual output, NOTRUN with the reason, or",
            "KNOWN-DEVIATION. xfstests suites run under xfstests' ./check in a checkout,",
            "not here.",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec generate --format shell --out /tmp/suite",
            "  daxspec run /tmp/suite --junit /tmp/suite.xml",
            "  daxspec run --kernel arch/x86/boot/bzImage \\",
            "      --modules /tmp/mods/lib/modules/6.12.0 /tmp/suite",
            "  daxspec run --test mmap-eof_sigbus-23 /tmp/suite   # one scenario's test",
            "",
            "Exit status: 0 when no test failed (known deviations and tests not run are not",
            "failures), 1 when one did, 2 for bad input.",
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VmKernelOptions kernelOptions;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "shell or xfstests; checked against the suite's manifest. Default: the manifest's.")
    String format;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report here.")
    Path junit;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "Per-test time limit in the VM. Default: ${DEFAULT-VALUE}.")
    int timeout;

    @Option(
            names = "--test",
            paramLabel = "ID",
            description = "Run only this test (its id, as the manifest lists it); repeatable.")
    List<String> only = new ArrayList<>();

    @Parameters(paramLabel = "SUITE_DIR", description = "The suite's directory (it has a .daxspec-suite manifest).")
    Path suiteDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (junit != null) {
            OutputFile.checkWritable("--junit", junit);
        }
        VmKernelOptions.checkTimeout(timeout);
        Suite suite;
        try {
            suite = Suite.read(suiteDir);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        if (format != null && UserError.parsing(() -> Format.parse(format)) != suite.format()) {
            throw new UserError(suiteDir + " is a " + suite.format().label() + " suite, not " + format);
        }
        if (suite.format() == Format.XFSTESTS) {
            throw new UserError("xfstests suites do not run in daxspec's minimal guest (it has no xfstests, perl or"
                    + " xfs_db): copy " + suiteDir + "/tests into a checkout and run its ./check");
        }
        if (!only.isEmpty()) {
            suite = only(suite);
        }
        if (suite.tests().isEmpty()) {
            throw new UserError(suiteDir + ": the suite has no tests");
        }
        KernelBuild kernel;
        try {
            kernel = kernelOptions.kernel();
        } catch (VmException e) {
            throw new UserError(e.getMessage());
        }
        List<SuiteRunner.Outcome> outcomes = new ArrayList<>();
        int total = suite.tests().size();
        RunResult run = SuiteOnKernel.run(kernel, timeout, suiteDir, suite, err, "run", o -> {
                    outcomes.add(o);
                    print(out, o, outcomes.size(), total);
                })
                .result();
        long failed = outcomes.stream()
                .filter(o -> o.verdict() == SuiteRunner.Verdict.FAIL)
                .count();
        long notRun = outcomes.stream()
                .filter(o -> o.verdict() == SuiteRunner.Verdict.NOTRUN)
                .count();
        long deviations = outcomes.stream()
                .filter(o -> o.verdict() == SuiteRunner.Verdict.KNOWN_DEVIATION)
                .count();
        long infra = outcomes.stream()
                .filter(o -> o.verdict() == SuiteRunner.Verdict.INFRA)
                .count();
        long passed = outcomes.size() - failed - notRun - infra;
        out.printf(
                Locale.ROOT,
                "%nkernel %s: %s%n",
                kernel.release(),
                run.figures().summary());
        if (notRun > 0 || deviations > 0) {
            out.printf(
                    "%d not run, %d known deviation%s (counted as passed)%n",
                    notRun, deviations, deviations == 1 ? "" : "s");
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

    /** The tests of {@code suite} named by {@code --test}, in the suite's order; an unknown id is a user error. */
    private Suite only(Suite suite) {
        for (String id : only) {
            if (suite.tests().stream().noneMatch(t -> t.ids().contains(id))) {
                throw new UserError(suiteDir + " has no test " + id);
            }
        }
        return new Suite(
                suite.format(),
                suite.tests().stream()
                        .filter(t -> t.ids().stream().anyMatch(only::contains))
                        .toList(),
                List.of());
    }

    private static void print(PrintWriter out, SuiteRunner.Outcome o, int i, int total) {
        out.printf(
                "[%" + String.valueOf(total).length() + "d/%d] %-15s %s%s%n",
                i,
                total,
                o.verdict().label(),
                String.join(" ", o.test().ids()),
                o.detail().isEmpty()
                        ? ""
                        : ": " + o.detail().lines().findFirst().orElse(""));
        if (o.verdict() == SuiteRunner.Verdict.FAIL || o.verdict() == SuiteRunner.Verdict.INFRA) {
            o.output().lines().forEach(l -> out.println("    " + l));
            o.detail().lines().skip(1).forEach(l -> out.println("    " + l));
            out.println("    rerun: daxspec run --test " + o.test().ids().get(0) + " SUITE");
        }
        out.flush();
    }

    private void writeJunit(List<SuiteRunner.Outcome> outcomes, String release) throws IOException {
        JUnitXml x = new JUnitXml("daxspec.run");
        x.property(KernelResults.KERNEL_PROPERTY, release);
        for (SuiteRunner.Outcome o : outcomes) {
            String name = String.join(" ", o.test().ids());
            String cls = "run." + o.test().path().replaceFirst("/[^/]*$", "").replace('/', '.');
            switch (o.verdict()) {
                case FAIL ->
                    x.fail(
                            cls,
                            name,
                            o.seconds(),
                            "output-differs",
                            o.detail().isEmpty()
                                    ? "the output differs from the expected output"
                                    : o.detail().lines().findFirst().orElse(""),
                            o.output(),
                            o.output());
                case NOTRUN -> x.skip(cls, name, o.detail());
                case INFRA ->
                    x.error(
                            cls,
                            name,
                            o.seconds(),
                            "infra",
                            o.detail().lines().findFirst().orElse("INFRA"),
                            o.detail());
                case PASS -> x.pass(cls, name, o.seconds(), o.output());
                case KNOWN_DEVIATION -> x.pass(cls, name, o.seconds(), "KNOWN-DEVIATION: " + o.detail());
            }
        }
        x.write(junit);
    }
}

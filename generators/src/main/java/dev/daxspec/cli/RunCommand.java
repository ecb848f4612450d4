package dev.daxspec.cli;

import dev.daxspec.emit.Format;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.SuiteRunner;
import dev.daxspec.report.JUnitXml;
import dev.daxspec.run.Kernel;
import dev.daxspec.run.RunResult;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import dev.daxspec.run.VmException;
import dev.daxspec.run.VmOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
@Command(name = "run",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Run a suite written by 'daxspec generate' on a real kernel booted in qemu.",
            "",
            "Each test of a shell suite runs in the guest on /dev/pmem0 or /dev/ram0, the",
            "device its expected output was predicted on, and prints PASS, FAIL with the diff",
            "of expected and actual output, NOTRUN with the reason, or KNOWN-DEVIATION.",
            "xfstests suites run under xfstests' ./check in a checkout, not here.",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec generate --format shell --out /tmp/suite",
            "  daxspec run /tmp/suite --junit /tmp/suite.xml",
            "  daxspec run --kernel arch/x86/boot/bzImage --modules /tmp/mods/lib/modules/6.12.0 /tmp/suite",
            "",
            "Exit status: 0 when no test failed (known deviations and tests not run are not",
            "failures), 1 when one did, 2 for bad input.",
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VmKernelOptions kernelOptions;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "shell or xfstests; checked against the suite's manifest. Default: the manifest's.")
    String format;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report here.")
    Path junit;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Per-test time limit in the VM. Default: ${DEFAULT-VALUE}.")
    int timeout;

    @Parameters(paramLabel = "SUITE_DIR", description = "The suite's directory (it has a .daxspec-suite manifest).")
    Path suiteDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Suite suite;
        try {
            suite = Suite.read(suiteDir);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        if (format != null && Format.parse(format) != suite.format()) {
            throw new UserError(suiteDir + " is a " + suite.format().label() + " suite, not " + format);
        }
        if (suite.format() == Format.XFSTESTS) {
            throw new UserError("xfstests suites do not run in daxspec's minimal guest (it has no xfstests, perl or"
                    + " xfs_db): copy " + suiteDir + "/tests into a checkout and run its ./check");
        }
        if (suite.tests().isEmpty()) {
            throw new UserError(suiteDir + ": the suite has no tests");
        }
        Kernel kernel;
        Vm vm;
        try {
            kernel = kernelOptions.kernel();
            vm = new Vm(kernel, VmOptions.defaults().withJobTimeout(Duration.ofSeconds(timeout)));
        } catch (VmException e) {
            throw new UserError(e.getMessage());
        }
        List<SuiteRunner.Outcome> outcomes = new ArrayList<>();
        int total = suite.tests().size();
        RunResult run;
        try {
            run = new SuiteRunner(vm).run(suiteDir, suite, event -> {
                if (event instanceof VmEvent.Booting b && b.boot() > 1) {
                    err.printf("run: booting again (boot %d) to run %s%n", b.boot(), b.job());
                    err.flush();
                }
            }, o -> {
                outcomes.add(o);
                print(out, o, outcomes.size(), total);
            });
        } catch (VmException e) {
            throw new UserError(e.getMessage());
        }
        long failed = outcomes.stream().filter(o -> o.verdict() == SuiteRunner.Verdict.FAIL).count();
        long notRun = outcomes.stream().filter(o -> o.verdict() == SuiteRunner.Verdict.NOTRUN).count();
        long deviations = outcomes.stream().filter(o -> o.verdict() == SuiteRunner.Verdict.KNOWN_DEVIATION).count();
        long passed = outcomes.size() - failed - notRun;
        out.printf(Locale.ROOT, "%nkernel %s: %s%n", kernel.release(), run.figures().summary());
        if (notRun > 0 || deviations > 0) {
            out.printf("%d not run, %d known deviation%s (counted as passed)%n", notRun, deviations,
                    deviations == 1 ? "" : "s");
        }
        out.printf("%d passed, %d failed%n", passed, failed);
        out.flush();
        if (junit != null) {
            writeJunit(outcomes);
        }
        return failed == 0 ? 0 : 1;
    }

    private static void print(PrintWriter out, SuiteRunner.Outcome o, int i, int total) {
        out.printf("[%" + String.valueOf(total).length() + "d/%d] %-15s %s%s%n", i, total, o.verdict().label(),
                String.join(" ", o.test().ids()), o.detail().isEmpty() ? "" : ": " + o.detail().lines().findFirst()
                        .orElse(""));
        if (o.verdict() == SuiteRunner.Verdict.FAIL) {
            o.output().lines().forEach(l -> out.println("    " + l));
            o.detail().lines().skip(1).forEach(l -> out.println("    " + l));
        }
        out.flush();
    }

    private void writeJunit(List<SuiteRunner.Outcome> outcomes) throws IOException {
        JUnitXml x = new JUnitXml("daxspec.run");
        for (SuiteRunner.Outcome o : outcomes) {
            String name = String.join(" ", o.test().ids());
            String cls = "run." + o.test().path().replaceFirst("/[^/]*$", "").replace('/', '.');
            switch (o.verdict()) {
                case FAIL -> x.fail(cls, name, o.seconds(), o.detail().isEmpty() ? "the output differs from the"
                        + " expected output" : o.detail().lines().findFirst().orElse(""), o.output(), o.output());
                case NOTRUN -> x.skip(cls, name, o.detail());
                case PASS -> x.pass(cls, name, o.seconds(), o.output());
                case KNOWN_DEVIATION -> x.pass(cls, name, o.seconds(), "KNOWN-DEVIATION: " + o.detail());
            }
        }
        x.write(junit);
    }
}

package dev.daxspec.cli;

import dev.daxspec.emit.Format;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.Verdict;
import dev.daxspec.junit.JUnitXml;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.report.KernelResults;
import dev.daxspec.run.GuestTools;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.RunResult;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmException;
import dev.daxspec.run.VmOptions;
import dev.daxspec.suite.SuiteRunner;
import dev.daxspec.suite.XfstestsRunner;
import dev.daxspec.suite.XfstestsSection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
            "Each test of a shell suite runs in the guest on /dev/pmem0 or /dev/ram0, the"
                    + " device its expected output was predicted on, and prints PASS, FAIL with the"
                    + " diff of expected and actual output, NOTRUN with the reason, or"
                    + " KNOWN-DEVIATION.",
            "",
            "An xfstests suite runs under xfstests' own ./check in the guest: give a built"
                    + " checkout (git clone, then make) with --xfstests-dir. The guest gets a copy of"
                    + " it with the suite's tests and common/daxspec in it and group.list made again"
                    + " (the checkout is not written to), the GNU tools and perl that ./check needs, and"
                    + " a configuration section per filesystem and device: SCRATCH_DEV is the"
                    + " section's device (pmem sections mount it -o dax=always), TEST_DEV the other"
                    + " one. Each test runs as './check -s SECTION -R xunit TEST' in each section of"
                    + " its directory's filesystem (generic: every --fs) and of the device its output"
                    + " was predicted on; ./check's report gives PASS, FAIL with the .out.bad diff, or"
                    + " NOTRUN with the reason, and a failure that prints a known deviation's output"
                    + " exactly is KNOWN-DEVIATION. It costs a checkout copy and a bigger guest image"
                    + " (about 16 MB, cached), and ./check's own start, about 5 s a test here.",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec generate --format shell --out /tmp/suite",
            "  daxspec run /tmp/suite --junit /tmp/suite.xml",
            "  daxspec run --kernel arch/x86/boot/bzImage \\",
            "      --modules /tmp/mods/lib/modules/6.12.0 /tmp/suite",
            "  daxspec run --test mmap-eof_sigbus-23 /tmp/suite   # one scenario's test",
            "  daxspec generate --format xfstests --xfstests-dir ~/xfstests --out /tmp/xt",
            "  daxspec run --format xfstests --xfstests-dir ~/xfstests --fs xfs \\",
            "      --device pmem --junit /tmp/xt.xml /tmp/xt",
            "",
            "Exit status: 0 when no test failed (known deviations and tests not run are not"
                    + " failures), 1 when one did, 2 for bad input.",
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

    @Option(
            names = "--xfstests-dir",
            paramLabel = "DIR",
            description = "A built xfstests checkout to run an xfstests suite in (required for one).")
    Path xfstestsDir;

    @Option(
            names = "--fs",
            paramLabel = "FS",
            split = ",",
            defaultValue = "ext4,xfs",
            description = "xfstests suites: the filesystems (FSTYP) of the sections. Default: ${DEFAULT-VALUE}.")
    List<String> filesystems;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            split = ",",
            defaultValue = "pmem,brd",
            description = "xfstests suites: the SCRATCH_DEV kinds of the sections. Default: ${DEFAULT-VALUE}.")
    List<String> devices;

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
        if (suite.format() == Format.XFSTESTS && xfstestsDir == null) {
            throw new UserError(suiteDir + " is an xfstests suite: give a built xfstests checkout to run it in"
                    + " with --xfstests-dir DIR");
        }
        if (suite.format() != Format.XFSTESTS && xfstestsDir != null) {
            throw new UserError("--xfstests-dir is for xfstests suites; " + suiteDir + " is a "
                    + suite.format().label() + " suite");
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
        List<String> names = new ArrayList<>();
        RunResult run;
        if (suite.format() == Format.XFSTESTS) {
            List<XfstestsSection> sections = sections();
            long total = XfstestsRunner.jobs(suite, sections);
            if (total == 0) {
                throw new UserError(suiteDir + " has no test for the sections "
                        + sections.stream().map(XfstestsSection::name).toList());
            }
            run = xfstests(kernel, suite, sections, err, o -> {
                outcomes.add(o.outcome());
                names.add(o.section().name());
                print(out, o.section().name() + " ", o.outcome(), outcomes.size(), total, rerun(o));
            });
        } else {
            int total = suite.tests().size();
            run = SuiteOnKernel.run(kernel, timeout, suiteDir, suite, err, "run", o -> {
                        outcomes.add(o);
                        names.add("");
                        print(
                                out,
                                "",
                                o,
                                outcomes.size(),
                                total,
                                "daxspec run --test " + o.test().ids().get(0) + " " + suiteDir);
                    })
                    .result();
        }
        long failed = outcomes.stream().filter(o -> o.verdict() == Verdict.FAIL).count();
        long notRun =
                outcomes.stream().filter(o -> o.verdict() == Verdict.NOTRUN).count();
        long deviations = outcomes.stream()
                .filter(o -> o.verdict() == Verdict.KNOWN_DEVIATION)
                .count();
        long infra = outcomes.stream().filter(o -> o.verdict() == Verdict.INFRA).count();
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
            writeJunit(outcomes, names, kernel.release());
        }
        return failed == 0 && infra == 0 ? 0 : 1;
    }

    /** The tests of {@code suite} named by {@code --test}, in the suite's order; an unknown id is a user error. */
    private Suite only(Suite suite) {
        for (String id : only) {
            if (suite.tests().stream().noneMatch(t -> t.ids().contains(id))) {
                throw new UserError(suiteDir + " has no test '" + id + "' (its tests are listed in " + suiteDir
                        + "/.daxspec-suite)");
            }
        }
        return suite.subset(
                suite.tests().stream()
                        .filter(t -> t.ids().stream().anyMatch(only::contains))
                        .toList(),
                List.of());
    }

    /** The sections of {@code --fs} and {@code --device}, filesystem by filesystem. */
    private List<XfstestsSection> sections() {
        List<XfstestsSection> sections = new ArrayList<>();
        for (String fs : filesystems) {
            for (String device : devices) {
                sections.add(UserError.parsing(() -> new XfstestsSection(fs, DeviceKind.parse(device))));
            }
        }
        return sections;
    }

    /** The suite's tests under ./check in the checkout, one job per test and section. */
    private RunResult xfstests(
            KernelBuild kernel,
            Suite suite,
            List<XfstestsSection> sections,
            PrintWriter err,
            Consumer<XfstestsRunner.SectionOutcome> each)
            throws IOException {
        try {
            Vm vm = new Vm(
                    kernel,
                    VmOptions.defaults()
                            .withJobTimeout(Duration.ofSeconds(timeout))
                            .withTools(GuestTools.XFSTESTS)
                            .withSnapshotCache(VmOptions.userSnapshotCache()));
            return new XfstestsRunner(vm)
                    .run(xfstestsDir, suiteDir, suite, sections, e -> BootProgress.tell(err, "run", e), each);
        } catch (VmException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    private String rerun(XfstestsRunner.SectionOutcome o) {
        return "daxspec run --xfstests-dir " + xfstestsDir + " --fs "
                + o.section().fs() + " --device " + o.section().device().deviceName() + " --test "
                + o.outcome().test().ids().get(0) + " " + suiteDir;
    }

    private static void print(
            PrintWriter out, String section, SuiteRunner.Outcome o, long i, long total, String rerun) {
        out.printf(
                "[%" + String.valueOf(total).length() + "d/%d] %-15s %s%s%s%n",
                i,
                total,
                o.verdict().label(),
                section,
                String.join(" ", o.test().ids()),
                o.detail().isEmpty()
                        ? ""
                        : ": " + o.detail().lines().findFirst().orElse(""));
        if (o.verdict() == Verdict.FAIL || o.verdict() == Verdict.INFRA) {
            o.output().lines().forEach(l -> out.println("    " + l));
            o.detail().lines().skip(1).forEach(l -> out.println("    " + l));
            out.println("    rerun: " + rerun);
        }
        out.flush();
    }

    /** @param sections the section of each outcome, empty for a shell suite's */
    private void writeJunit(List<SuiteRunner.Outcome> outcomes, List<String> sections, String release)
            throws IOException {
        JUnitXml x = new JUnitXml("daxspec.run");
        x.property(KernelResults.KERNEL_PROPERTY, release);
        for (int i = 0; i < outcomes.size(); i++) {
            SuiteRunner.Outcome o = outcomes.get(i);
            String name = String.join(" ", o.test().ids());
            String cls = "run." + (sections.get(i).isEmpty() ? "" : sections.get(i) + ".")
                    + o.test().path().replaceFirst("/[^/]*$", "").replace('/', '.');
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

package dev.daxspec.cli;

import dev.daxspec.conform.ConformanceCase;
import dev.daxspec.conform.TestCases;
import dev.daxspec.emit.FeatureTestCases;
import dev.daxspec.emit.Format;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.SuiteOptions;
import dev.daxspec.emit.SuiteWriter;
import dev.daxspec.emit.TestCase;
import dev.daxspec.files.Reason;
import dev.daxspec.oracle.fs.Unpredictable;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Evaluation;
import dev.daxspec.spec.Features;
import dev.daxspec.spec.InvalidFeatures;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daxspec generate}: test cases as a shell or xfstests suite. */
@Command(
        name = "generate",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Write shell or xfstests tests with the oracle's expected output.",
            "",
            "Each test makes a filesystem, mounts it, runs xfs_io and compares the output"
                    + " with what daxspec's oracle predicts for a correct kernel; docs/emitters.md"
                    + " explains the tests. One test case per scenario of the features (an outline"
                    + " gives one per Examples row), named after the feature's path and the scenario's"
                    + " line (mmap-eof_sigbus-23), or with --from-cases one per conformance case."
                    + " Every scenario must pass on the correct oracle first, as 'daxspec check'"
                    + " shows. The output directory is written whole or not at all, and replaces a"
                    + " suite written there before; the same input gives byte-identical files.",
            "",
            "The xfstests format numbers its tests: it needs --start N, or --xfstests-dir DIR"
                    + " to take the next free numbers of a checkout (from --start, or 1).",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec generate --format shell --out /tmp/suite    # all of features/",
            "  /tmp/suite/run.sh /dev/pmem0 /mnt/scratch",
            "  daxspec generate --format shell --out /tmp/mmap --tags '@B2 or @B6' \\",
            "      features/mmap",
            "  daxspec generate --format xfstests --out /tmp/xt --start 1000  # 1000 and up",
            "  daxspec generate --format xfstests --out /tmp/xt --xfstests-dir ~/xfstests",
            "  cp -r /tmp/xt/tests /tmp/xt/common ~/xfstests/ && make -C ~/xfstests",
            "  cd ~/xfstests && ./check -g dax",
            "  daxspec generate --format shell --out /tmp/cases \\",
            "      --from-cases fixtures/conformance --case 'pwrite*'",
            "",
            "Exit status: 0 when the suite was written, 2 for bad input (a feature problem"
                    + " is printed as FILE:LINE: MESSAGE; nothing is written), 3 when the oracle"
                    + " cannot predict a test.",
        })
final class GenerateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            required = true,
            description = "shell (bash scripts and run.sh) or xfstests (tests/DIR/NNN and NNN.out).")
    String format;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "The suite's directory; it must not exist, be empty, or hold a suite written before.")
    Path outDir;

    @Option(
            names = "--start",
            paramLabel = "N",
            description = "xfstests (this or --xfstests-dir is needed): the first test number in each test"
                    + " directory, 1 to 9999.")
    Integer start;

    @Option(
            names = "--xfstests-dir",
            paramLabel = "DIR",
            description = "xfstests (this or --start is needed): a checkout whose test numbers are skipped (the"
                    + " next free ones are taken, from --start or 1) and whose groups are checked.")
    Path xfstestsDir;

    @Option(
            names = "--tags",
            paramLabel = "EXPR",
            description = "Only scenarios matching this Cucumber tag expression, e.g. '@seed:002 and not"
                    + " @B8' (a @seed tag names a thread listed in docs/threads.md; 002 is Ross Zwisler"
                    + " on the iomap DAX draft, 2016).")
    String tags;

    @Parameters(
            paramLabel = "FEATURE|DIR",
            arity = "0..*",
            description = "Feature files or directories of them. Default: features/.")
    List<Path> features = new ArrayList<>();

    @Option(
            names = "--from-cases",
            paramLabel = "PATH",
            description = "Instead of features: a conformance case file or a directory of them (e.g."
                    + " fixtures/conformance); repeatable.")
    List<Path> cases = new ArrayList<>();

    @Option(
            names = "--case",
            paramLabel = "GLOB",
            description = "With --from-cases: only the cases whose name matches (* and ? wildcards); repeatable.")
    List<String> only = new ArrayList<>();

    @Option(
            names = "--known",
            paramLabel = "FILE",
            description = "Known deviations, which the tests recognise. Default: known-deviations.json in"
                    + " features/ (with --from-cases: in fixtures/conformance/).")
    Path knownFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Format f = UserError.parsing(() -> Format.parse(format));
        // The numbering options are checked before the features are: in well under a second.
        SuiteOptions options = UserError.parsing(() -> new SuiteOptions(
                start == null ? OptionalInt.empty() : OptionalInt.of(start), Optional.ofNullable(xfstestsDir)));
        try {
            options.checkFor(f);
        } catch (IOException | IllegalArgumentException e) {
            // SuiteOptions.checkFor's contract: either names what is wrong with the options
            throw new UserError(e.getMessage());
        }
        // as the suite will be written: a new or empty directory, or one a suite was written to
        OutputFile.checkTree("--out", outDir, ".daxspec-suite");
        long t0 = System.nanoTime();
        List<TestCase> testCases = cases.isEmpty() ? fromFeatures(err) : fromCases(err);
        Suite suite;
        try {
            suite = SuiteWriter.write(testCases, f, outDir, options);
        } catch (FileSystemException e) {
            throw new UserError("cannot write " + outDir + ": "
                    + (outDir.toString().equals(e.getFile()) ? Reason.of(e) : e.getMessage()));
        } catch (IOException e) {
            throw new UserError("cannot write " + outDir + ": " + e.getMessage());
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Integer> perDir = new TreeMap<>();
        for (Suite.Test t : suite.tests()) {
            String p = t.path();
            perDir.merge(p.substring(0, p.lastIndexOf('/')), 1, Integer::sum);
        }
        List<String> dirs = new ArrayList<>();
        perDir.forEach((d, n) -> dirs.add(d + " " + n));
        out.printf(
                Locale.ROOT,
                "wrote %d %s test%s (%s) to %s from %d test case%s in %.2f s, %.0f test cases/s%n",
                suite.tests().size(),
                f.label(),
                suite.tests().size() == 1 ? "" : "s",
                String.join(", ", dirs),
                outDir,
                testCases.size(),
                testCases.size() == 1 ? "" : "s",
                secs,
                testCases.size() / Math.max(secs, 1e-9));
        for (Suite.LeftOut l : suite.leftOut()) {
            out.println("left out " + l.id() + ": " + l.reason());
        }
        if (f == Format.SHELL) {
            out.println("run: " + outDir + "/run.sh SCRATCH_DEV SCRATCH_MNT   or   daxspec run " + outDir);
        } else {
            boolean probe = Files.exists(outDir.resolve(Suite.PROBE_SOURCE));
            out.println("to run: cp -r " + outDir + "/tests " + outDir + "/common "
                    + (probe ? outDir + "/src " : "") + "XFSTESTS/ (the tests and common/daxspec"
                    + (probe ? "; add daxspec-probe to TARGETS in XFSTESTS/src/Makefile" : "")
                    + "), then make in XFSTESTS (it lists the new tests in tests/*/group.list), then"
                    + " ./check with SCRATCH_DEV on pmem");
        }
        out.flush();
        return 0;
    }

    /** One test case per scenario of the features, each first checked on the correct oracle. */
    private List<TestCase> fromFeatures(PrintWriter err) throws IOException {
        if (!only.isEmpty()) {
            throw new UserError("--case selects conformance cases; it needs --from-cases (features: --tags)");
        }
        List<Path> selected = features.isEmpty() ? List.of(Home.features()) : features;
        KnownDeviations known = CaseSelection.known(knownFile, true);
        if (tags != null) {
            try {
                TagExpressionParser.parse(tags);
            } catch (TagExpressionException e) {
                throw new UserError("--tags " + tags + ": " + e.getMessage());
            }
        }
        Map<CompiledScenario, Evaluation> compiled;
        try {
            compiled = Features.compile(selected, Optional.ofNullable(tags), List.of(), new StderrProgress(err));
        } catch (InvalidFeatures e) {
            throw UserError.of(e.errors(), err);
        }
        List<String> failing = new ArrayList<>();
        compiled.forEach((s, e) -> {
            if (!e.holds()) {
                failing.add(s.location() + ": fails on the correct oracle: "
                        + e.violations().get(0).toString().lines().findFirst().orElse(""));
            }
        });
        if (!failing.isEmpty()) {
            failing.forEach(err::println);
            err.flush();
            throw new UserError(failing.size() + " scenario(s) fail on the correct oracle (above), so their tests"
                    + " would check the wrong thing; nothing was written");
        }
        return FeatureTestCases.of(compiled, known);
    }

    /** One test case per conformance case. */
    private List<TestCase> fromCases(PrintWriter err) throws IOException {
        if (!features.isEmpty() || tags != null) {
            throw new UserError("--from-cases replaces features: give either case files or FEATURE paths and --tags");
        }
        List<ConformanceCase> selected = CaseSelection.load(cases, only, err);
        try {
            return TestCases.of(selected, CaseSelection.known(knownFile, false));
        } catch (Unpredictable e) {
            throw new UserError("a case cannot be predicted: " + e.getMessage(), Errors.UNPREDICTABLE);
        }
    }
}

package dev.daxspec.cli;

import dev.daxspec.check.Check;
import dev.daxspec.check.CheckResult;
import dev.daxspec.emit.FeatureTestCases;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.report.Explored;
import dev.daxspec.report.KernelResults;
import dev.daxspec.report.Report;
import dev.daxspec.spec.InvalidFeatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daxspec report}: the features, their proof and the kernels' results as a static site. */
@Command(
        name = "report",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Write the specification, its proof and its results as pages to review.",
            "",
            "Checks the features as 'daxspec check' does (on the oracle and on every"
                    + " historical-bug variant), reads the kernel runs and explorations given, and"
                    + " writes a static site to --out that opens from file:// without a server and"
                    + " without JavaScript: index.html (each feature: its rule, its thread with a lore"
                    + " link, its scenarios, each kernel's pass/fail/deviation counts), a page per"
                    + " feature (each scenario's steps, the oracle's transcript, per kernel its"
                    + " verdict and the diff where it differs, the deviations recorded),"
                    + " kill-matrix.html (variants by scenarios, killed or survived), runs.html"
                    + " (kernels by features), explore.html (findings: shrunk programs and diffs) and"
                    + " summary.txt (the same in plain text for a mail). The same inputs give the same"
                    + " bytes. A kernel run (--runs) is a directory of the JUnit files 'daxspec run',"
                    + " 'conform' and 'series' write with --junit, and of the transcripts 'conform"
                    + " --record' keeps (ci/test leaves one in target/ci), or one JUnit file; it is"
                    + " named by the kernel release its files record, else by its name."
                    + " Cucumber's own HTML and message reports: 'daxspec check --plugin html:FILE'.",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec report --out /tmp/report       # then open /tmp/report/index.html",
            "  daxspec report --runs target/ci --out /tmp/report        # after ci/test",
            "  daxspec report --runs 6.1 6.12 next/shell.xml --explore /tmp/x --out r",
            "  daxspec report --tags '@seed:002' --out /tmp/seed002     # Zwisler, 2016",
            "  daxspec report ~/linux/features --out /tmp/report        # a tree's features",
            "",
            "Exit status: 0 when the report is written, whatever the verdicts in it; 2 for"
                    + " bad input (a feature that does not compile, a run or exploration that cannot be"
                    + " read, an --out that holds something other than a report), with nothing written.",
        })
final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Where to write the site; a report written there before is replaced.")
    Path outDir;

    @Option(
            names = "--runs",
            paramLabel = "DIR|FILE",
            arity = "1..*",
            description = "Kernel runs: directories of JUnit files (and conform --record transcripts) or JUnit"
                    + " files, one kernel each; a column each, in this order.")
    List<Path> runs = new ArrayList<>();

    @Option(
            names = "--explore",
            paramLabel = "DIR",
            arity = "1..*",
            description = "Output directories of 'daxspec explore' (or 'explore merge').")
    List<Path> explore = new ArrayList<>();

    @Option(
            names = "--tags",
            paramLabel = "EXPR",
            description = "Only scenarios matching this Cucumber tag expression, e.g. '@seed:004'."
                    + " @seed:NNN is a mailing-list thread (docs/threads.md: 004 is Nick Piggin's XIP fixes of 2007).")
    String tags;

    @Option(
            names = "--known",
            paramLabel = "FILE",
            description = "The deviations recorded for the scenarios. Default: known-deviations.json beside the"
                    + " features (features/known-deviations.json).")
    Path knownFile;

    @Parameters(
            paramLabel = "FEATURE|DIR",
            arity = "0..*",
            description = "Feature files or directories of them. Default: features/.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Everything the user named is read before the features run: bad input costs no wait.
        checkOut();
        List<KernelResults> kernelRuns = new ArrayList<>();
        for (Path p : runs) {
            try {
                kernelRuns.add(KernelResults.read(p));
            } catch (IOException e) {
                throw new UserError("--runs " + e.getMessage());
            }
        }
        List<Explored> explored = new ArrayList<>();
        for (Path p : explore) {
            try {
                explored.add(Explored.read(p));
            } catch (IOException e) {
                throw new UserError("--explore " + e.getMessage());
            }
        }
        List<Path> selected = paths.isEmpty() ? List.of(Home.features()) : paths;
        KnownDeviations known = known(selected);
        CheckResult result;
        try {
            result = Check.run(selected, Optional.ofNullable(tags), List.of(), new StderrProgress(err));
        } catch (InvalidFeatures e) {
            e.errors().forEach(err::println);
            err.flush();
            return 2;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().lines().findFirst().orElse(e.getMessage()));
        }
        Report report = new Report(result, known, kernelRuns, explored);
        try {
            report.write(outDir);
        } catch (FileAlreadyExistsException e) {
            throw new UserError("--out " + e.getMessage());
        }
        out.print(report.summary());
        out.println();
        out.println("Open " + outDir.toAbsolutePath().resolve("index.html").toUri() + " (or "
                + outDir.resolve("summary.txt") + " for a mail).");
        out.flush();
        return 0;
    }

    /** An --out that is a file, or a directory with something other than a report in it, is refused now. */
    private void checkOut() {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UserError("--out " + outDir + ": is a file; give a directory");
        }
        if (Files.isDirectory(outDir) && !Files.exists(outDir.resolve(Report.MARKER))) {
            try (Stream<Path> s = Files.list(outDir)) {
                if (s.findAny().isPresent()) {
                    throw new UserError("--out " + outDir + ": holds files and is not a report daxspec wrote; choose"
                            + " another directory or remove it");
                }
            } catch (IOException e) {
                throw new UserError("--out " + outDir + ": " + e.getMessage());
            }
        }
    }

    /** --known, else known-deviations.json in the one features directory given, else the bundled features'. */
    private KnownDeviations known(List<Path> selected) {
        try {
            if (knownFile != null) {
                InputFile.checkReadable("--known", knownFile, "a known-deviations JSON file");
                return KnownDeviations.load(knownFile);
            }
            return selected.size() == 1 && Files.isDirectory(selected.get(0))
                    ? FeatureTestCases.knownIn(selected.get(0))
                    : KnownDeviations.none();
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }
}

package dev.daxspec.cli;

import dev.daxspec.emit.Format;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.TargetedSuite;
import dev.daxspec.explore.Backend;
import dev.daxspec.explore.Exploration;
import dev.daxspec.explore.KernelChanges;
import dev.daxspec.files.AtomicFile;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.VmException;
import dev.daxspec.series.Series;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.SeriesException;
import dev.daxspec.series.calls.CallGraph;
import dev.daxspec.series.git.RangeReader;
import dev.daxspec.series.impact.ImpactReport;
import dev.daxspec.series.regress.Comparison;
import dev.daxspec.series.regress.ComparisonJUnit;
import dev.daxspec.series.regress.KcidbReport;
import dev.daxspec.series.regress.KernelUnderTest;
import dev.daxspec.series.review.SeriesReview;
import dev.daxspec.spec.InvalidFeatures;
import dev.daxspec.suite.SuiteRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.commons.io.file.PathUtils;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daxspec series}: what a patch series touches, the tests that guard it, and what it broke. */
@Command(
        name = "series",
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = BisectScriptCommand.class,
        synopsisHeading = "Usage: ",
        customSynopsis = {
            "daxspec series (--repo PATH --range BASE..HEAD",
            "                       | --mbox FILE [--repo PATH [--apply-to REV]])",
            "         [--features DIR] [--rules FILE] [--kills FILE] [--call-depth N]",
            "         [--format text|json] [--verbose]",
            "         [--suite DIR] [--suite-format shell|xfstests] [--generate DIR]",
            "           [--base-kernel PATH --base-modules DIR",
            "            --head-kernel PATH --head-modules DIR",
            "            [--junit FILE] [--kcidb FILE] [--timeout SECONDS]",
            "            [--explore MINUTES [--explore-out DIR] [--seed S]]]",
            "       daxspec series bisect-script --test ID --suite DIR --out FILE",
            "                                    [--daxspec COMMAND] [--timeout SECONDS]",
        },
        description = {
            "Which scenarios guard what a patch series touches; run them on base and head.",
            "",
            "Read a patch series, as a git range or as patch mail, and report per commit"
                    + " the files and C functions it touches, the scenarios that guard that code and"
                    + " why, and the kernel variants those scenarios kill. Optionally, write the suite"
                    + " of only those scenarios' tests, and run it on the kernels before and after the"
                    + " series.",
            "",
            "The report is a summary of at most 40 lines, to paste into a review: each"
                    + " commit and what it touches, the historical bugs the guarding scenarios catch"
                    + " and which catch each, what no scenario guards, and the guarding scenarios by"
                    + " id (the ids 'daxspec run --test' and 'series bisect-script --test' take),"
                    + " nearest first. --verbose adds every scenario with why it was selected.",
            "",
            "A scenario guards a commit, strongest first, when its @touches: tag names a"
                    + " function the commit touches, or that function's file when the commit changes"
                    + " code outside functions there; when the tag names a file or directory the"
                    + " commit changes; when a rule of features/touches.rules maps the touched code to"
                    + " the tag's; when the tag's function calls a touched function, or is called by"
                    + " it, within --call-depth calls (default 3): 'why: dax_fault_iter() is called by"
                    + " dax_iomap_pmd_fault()'. The call graph is read through git from the series'"
                    + " base (the range's BASE, or --apply-to): only the C files the series touches"
                    + " and the tags and rules name, not the whole tree, so calls through function"
                    + " pointers or through other files are not followed. Last, as a fallback ranked"
                    + " below the rest, a touched function that selects nothing else selects the"
                    + " scenarios naming other functions of its file. Only what none of these reach is"
                    + " 'Guarded by no scenario'. Mail without --repo has no call graph. A commit's"
                    + " scenarios are listed nearest first; the report's notes name the call graph.",
            "",
            "A range is walked oldest first, merges skipped. Mail may be an mbox, one .eml"
                    + " or a bare .patch; replies and older versions of the series are skipped. With"
                    + " --repo the patches must apply, in order, to --apply-to (default HEAD); the"
                    + " repository is not written to. Without it the functions come from the patch"
                    + " text alone.",
            "",
            "The variants each scenario kills come from running the features on the"
                    + " oracle and on every variant, as daxspec check does (a few seconds), or from a"
                    + " kill matrix that 'daxspec check --kills FILE' wrote (--kills FILE): a JSON"
                    + " object mapping each scenario id to the variants it kills,",
            "  {\"mmap-eof_sigbus-23\": [\"dax-fault-eof-rounding\"], \"io-enospc-9\": []}",
            "A scenario id is the feature's path under features/ without .feature, with"
                    + " '/' as '-', then '-' and the scenario's line (an outline row's own line).",
            "",
            "The targeted tests are generated from the features (--suite-format, default"
                    + " shell; xfstests tests are numbered from 1000), or taken from a suite"
                    + " 'daxspec generate' wrote (--suite DIR): a test belongs to a scenario when its"
                    + " id is the scenario id, or the scenario id, '@' and a target. --generate DIR"
                    + " writes them as a suite of their own. With the"
                    + " four kernel options the targeted shell suite runs in qemu on both kernels"
                    + " and each test is classified: REGRESSED (passed on base; fails or deviates"
                    + " on head), FIXED, STILL-FAILING (a known deviation or not), NOT-RUN or"
                    + " STILL-PASSING. Regressions come first, with their diff.",
            "",
            "--explore MINUTES then runs the same generated programs (as daxspec explore"
                    + " makes them) on both kernels for that long and reports every program whose"
                    + " transcript differs between base and head, whatever the oracle says: each is"
                    + " run again on both, shrunk with both kernels in the loop, and shown with the"
                    + " oracle's verdict on each side (REGRESSION: base agrees with the oracle and head"
                    + " does not; FIX: the other way round; CHANGE: neither). Two outcomes a crash"
                    + " leaves the kernel to choose between are not a change. The programs"
                    + " are drawn over the targets of the selected scenarios, with their crash, fill"
                    + " and remount steps, and kept when they run one of those scenarios' commands"
                    + " (less those most scenarios run, such as pwrite); with no scenario selected,"
                    + " over every scenario's. Each change goes to --explore-out DIR/changes/NNN/ with"
                    + " a one-test shell suite that expects base's output, for bisect-script.",
            "",
            "Options:",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec series --repo ~/linux --range v6.1..dax-fixes",
            "  daxspec series --mbox xip.mbox --repo ~/linux --format json",
            "  daxspec series --mbox xip.mbox --generate /tmp/xt --suite-format xfstests",
            "  daxspec series --repo ~/linux --range v6.1..HEAD \\",
            "      --base-kernel /tmp/b/bzImage --base-modules /tmp/b/lib/modules/6.1.0 \\",
            "      --head-kernel /tmp/h/bzImage --head-modules /tmp/h/lib/modules/6.1.0+ \\",
            "      --junit series.xml --kcidb series.kcidb.json",
            "  daxspec series --repo ~/linux --range v6.1..HEAD \\",
            "      --base-kernel /tmp/b/bzImage --base-modules /tmp/b/lib/modules/6.1.0 \\",
            "      --head-kernel /tmp/h/bzImage --head-modules /tmp/h/lib/modules/6.1.0+ \\",
            "      --explore 10 --explore-out /tmp/changes",
            "  daxspec series bisect-script --suite /tmp/changes/changes/001/shell \\",
            "      --test series-explore-001 --out bisect.sh",
            "",
            "The report goes to stdout, then the targeted suite and the comparison; with"
                    + " --format json only the report does (the rest goes to stderr). Progress of the"
                    + " kernel runs goes to stderr.",
            "",
            "Exit status: 0 when done and nothing regressed; 1 when a test regressed on the"
                    + " head kernel or --explore found a regression; 2 for bad input (an unknown range,"
                    + " a directory that is not a git repository, mail with no patch, a damaged patch"
                    + " (as MBOX:LINE), a patch that does not apply, a feature file that does not"
                    + " parse, a bad kill matrix: each found before the features run; a kernel that"
                    + " does not boot).",
        })
final class SeriesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The series: a range of --repo, or patch mail; exactly one. */
    static final class SourceOptions {
        @Option(
                names = "--range",
                paramLabel = "BASE..HEAD",
                required = true,
                description = "The commits of the series (needs --repo); tags, branches, ids, HEAD~3.")
        String range;

        @Option(
                names = "--mbox",
                paramLabel = "FILE",
                required = true,
                description = "Patch mail: an mbox, an .eml or a .patch.")
        Path mbox;
    }

    /** The kernels before and after the series, each with its modules: all four or none. */
    static final class KernelOptions {
        @Option(
                names = "--base-kernel",
                paramLabel = "PATH",
                required = true,
                description = "The kernel image before the series.")
        Path baseKernel;

        @Option(
                names = "--base-modules",
                paramLabel = "DIR",
                required = true,
                description = "Its modules tree (lib/modules/RELEASE).")
        Path baseModules;

        @Option(
                names = "--head-kernel",
                paramLabel = "PATH",
                required = true,
                description = "The kernel image with the series.")
        Path headKernel;

        @Option(
                names = "--head-modules",
                paramLabel = "DIR",
                required = true,
                description = "Its modules tree (lib/modules/RELEASE).")
        Path headModules;
    }

    @Option(names = "--repo", paramLabel = "PATH", description = "The kernel git repository (work tree, .git or bare).")
    Path repo;

    // Not required by picocli: a required group would be asked of 'series bisect-script' too.
    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 1)
    SourceOptions source;

    @Option(
            names = "--apply-to",
            paramLabel = "REV",
            description = "With --mbox and --repo: the revision the first patch applies to. Default: HEAD.")
    String applyTo;

    @Option(
            names = "--features",
            paramLabel = "DIR",
            description = "The feature files. Default: the bundled features/.")
    Path features = Home.features();

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "The touches rules. Default: touches.rules in the features directory.")
    Path rules;

    @Option(
            names = "--kills",
            paramLabel = "FILE",
            description = "The kill matrix, {\"scenario-id\": [\"variant\", ...]}, written by daxspec check.")
    Path kills;

    @Option(
            names = "--call-depth",
            paramLabel = "N",
            defaultValue = "" + CallGraph.DEFAULT_MAX_CALLS,
            description = "Select the scenarios whose tagged function is at most N calls from a touched one;"
                    + " 0: tags and rules only (and the same-file fallback). Default: ${DEFAULT-VALUE}.")
    int callDepth;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (terminal and mail: ASCII, 78 columns) or json (for tools). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = {"-v", "--verbose"},
            description = "After the summary, the whole report: the scenarios to run, each commit's files and"
                    + " why each scenario guards it, and the notes.")
    boolean verbose;

    @Option(
            names = "--suite",
            paramLabel = "DIR",
            description = "Take the targeted tests from this suite, written by 'daxspec generate', rather than"
                    + " generate them from the features.")
    Path suite;

    @Option(
            names = "--suite-format",
            paramLabel = "FORMAT",
            description = "shell or xfstests: the format to generate, or the one --suite must have."
                    + " Default: shell, or the suite's.")
    String suiteFormat;

    @Option(
            names = "--generate",
            paramLabel = "DIR",
            description = "Write the targeted tests as a suite here (it must not exist, be empty, or be a suite).")
    Path generate;

    @ArgGroup(exclusive = false, multiplicity = "0..1", order = 2)
    KernelOptions kernels;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description = "Write the comparison as JUnit XML (only regressions fail).")
    Path junit;

    @Option(
            names = "--kcidb",
            paramLabel = "FILE",
            description = "Write both runs as KCIDB (kernelci.org, schema v5.3) JSON.")
    Path kcidb;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "Per-test time limit in the VM. Default: ${DEFAULT-VALUE}.")
    int timeout;

    @Option(
            names = "--explore",
            paramLabel = "MINUTES",
            description = "Then explore both kernels with the same programs for MINUTES and report every program"
                    + " whose output differs between them, shrunk (needs the four kernel options).")
    Double explore;

    @Option(
            names = "--explore-out",
            paramLabel = "DIR",
            defaultValue = "series-explore",
            description = "Where --explore writes report.txt and changes/NNN/ (a new directory)."
                    + " Default: ${DEFAULT-VALUE}.")
    Path exploreOut;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "The seed of --explore's programs: the same seed draws the same programs."
                    + " Default: ${DEFAULT-VALUE}.")
    long seed;

    /** The most commands in one of --explore's programs, as daxspec explore's default. */
    private static final int EXPLORE_MAX_COMMANDS = 12;

    /** The most candidates one shrink of --explore runs on each kernel. */
    private static final int EXPLORE_SHRINK_BUDGET = 60;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = switch (format) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new UserError("--format is text or json, not '" + format + "'");
        };
        Optional<Format> targetFormat = checkOptions();
        SeriesReview review;
        try {
            SeriesReview.Source series = source.range != null
                    ? new SeriesReview.Range(repo, source.range)
                    : new SeriesReview.Mail(source.mbox, Optional.ofNullable(repo), applyTo == null ? "HEAD" : applyTo);
            review = SeriesReview.of(
                    new SeriesReview.Request(
                            series, features, Optional.ofNullable(rules), Optional.ofNullable(kills), callDepth),
                    new StderrProgress(err));
        } catch (SeriesException e) {
            throw new UserError(e.getMessage());
        } catch (InvalidFeatures e) {
            throw UserError.of(e.errors(), err);
        }
        ImpactReport report = review.report();
        out.print(json ? report.toJson() : report.toSummary() + (verbose ? "\n" + report.toDetails() : ""));
        out.flush();
        Set<String> stale = review.unknownKillIds();
        if (!stale.isEmpty()) {
            err.println("daxspec: warning: " + kills + " names " + stale.size() + " scenario id"
                    + (stale.size() == 1 ? "" : "s") + " the features do not have (first: "
                    + stale.iterator().next() + "); was it written for other features?");
        }
        if (suite == null && generate == null && kernels == null) {
            return 0;
        }
        // the targeted suite
        PrintWriter info = json ? err : out;
        List<String> ids = review.guardingIds();
        if (ids.isEmpty()) {
            info.println("\nNo scenario guards this series: no targeted suite" + (kernels != null ? " to run." : "."));
            info.flush();
            return explore != null ? explore(review, info, err) : 0;
        }
        TargetedSuite source;
        try {
            source = review.targetedTests(Optional.ofNullable(suite), targetFormat);
        } catch (SeriesException e) {
            throw new UserError(e.getMessage());
        }
        if (kernels != null && source.format() != Format.SHELL) {
            throw new UserError("the kernels run shell suites; " + suite + " is an "
                    + source.format().label() + " suite");
        }
        Path scratch = generate == null ? Files.createTempDirectory("daxspec-series") : null;
        try {
            Path dir = generate != null ? generate : scratch.resolve("suite");
            TargetedSuite.Written w;
            try {
                w = source.write(ids, dir);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError("cannot write the targeted suite: " + e.getMessage());
            }
            info.printf(
                    "%n%s %d test%s of %d scenario%s from %s%s%n",
                    generate != null ? "Wrote" : "Targeted",
                    w.suite().tests().size(),
                    w.suite().tests().size() == 1 ? "" : "s",
                    ids.size(),
                    ids.size() == 1 ? "" : "s",
                    suite != null ? suite : features,
                    generate != null ? " to " + generate : "");
            for (Suite.LeftOut l : w.suite().leftOut()) {
                info.println("  left out " + l.id() + ": " + l.reason());
            }
            if (!w.missing().isEmpty()) {
                info.println("  no test in " + (suite != null ? suite : features) + " for: "
                        + String.join(" ", w.missing()));
            }
            info.flush();
            int status = kernels != null ? compare(review.series(), dir, w.suite(), info, err) : 0;
            return explore != null ? Math.max(status, explore(review, info, err)) : status;
        } finally {
            if (scratch != null) {
                PathUtils.deleteDirectory(scratch);
            }
        }
    }

    /**
     * Checks the options picocli's groups do not: which go with which, and their values.
     *
     * @return the format of the targeted suite, if given
     */
    private Optional<Format> checkOptions() {
        if (source == null) {
            throw new UserError("give the series as --range BASE..HEAD (with --repo) or as --mbox FILE");
        }
        if (source.range != null && repo == null) {
            throw new UserError("--range needs --repo PATH, the repository the range is in");
        }
        if (applyTo != null && (source.mbox == null || repo == null)) {
            throw new UserError("--apply-to REV applies --mbox patches to a --repo; it needs both");
        }
        if (source.mbox != null) {
            InputFile.checkReadable("--mbox", source.mbox, "an mbox, an .eml or a .patch");
        }
        if (rules != null) {
            InputFile.checkReadable("--rules", rules, "a touches.rules file");
        } else if (Files.isDirectory(features) && !Files.exists(features.resolve("touches.rules"))) {
            throw new UserError("--features " + features + " has no touches.rules: give the rules with --rules FILE"
                    + " (the bundled features/touches.rules explains them)");
        }
        if (kills != null) {
            InputFile.checkReadable("--kills", kills, "the kill matrix 'daxspec check --kills FILE' writes");
        }
        VmKernelOptions.checkTimeout(timeout);
        if (callDepth < 0) {
            throw new UserError("--call-depth is a number of calls, 0 or more, not " + callDepth);
        }
        boolean run = kernels != null;
        if (explore != null && !run) {
            throw new UserError(
                    "--explore runs programs on the base and the head kernel; give the four kernel" + " options too");
        }
        if (explore != null && !(explore > 0)) {
            throw new UserError("--explore " + explore + ": a number of minutes, more than 0");
        }
        if (explore != null && Files.exists(exploreOut.resolve("changes"))) {
            throw new UserError("--explore-out " + exploreOut + " already holds changes/ of an earlier run;"
                    + " name a new directory");
        }
        if ((junit != null || kcidb != null) && !run) {
            throw new UserError("--junit and --kcidb report kernel runs; give the four kernel options too");
        }
        if (junit != null) {
            OutputFile.checkWritable("--junit", junit);
        }
        if (kcidb != null) {
            OutputFile.checkWritable("--kcidb", kcidb);
        }
        if (suite != null && !Files.isRegularFile(suite.resolve(".daxspec-suite"))) {
            throw new UserError(suite + " is not a daxspec suite: it has no .daxspec-suite (write one with"
                    + " 'daxspec generate')");
        }
        if (generate != null) {
            OutputFile.checkTree("--generate", generate, ".daxspec-suite");
        }
        if (run) {
            VmKernelOptions.checkImage("--base-kernel", kernels.baseKernel);
            VmKernelOptions.checkImage("--head-kernel", kernels.headKernel);
        }
        if (suiteFormat == null) {
            return Optional.empty();
        }
        Format f;
        try {
            f = Format.parse(suiteFormat);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (run && f != Format.SHELL) {
            throw new UserError("the kernels run shell suites, not " + suiteFormat);
        }
        return Optional.of(f);
    }

    /**
     * Runs the targeted suite on both kernels, prints the comparison; 1 when a test regressed.
     * The kernels are taken to be built from the series' base and, for a range, its last
     * commit, as the reports say.
     */
    private int compare(Series series, Path dir, Suite targeted, PrintWriter out, PrintWriter err) throws IOException {
        KernelBuild bk;
        KernelBuild hk;
        try {
            bk = new KernelBuild(kernels.baseKernel, kernels.baseModules);
            hk = new KernelBuild(kernels.headKernel, kernels.headModules);
        } catch (VmException e) {
            throw new UserError(e.getMessage());
        }
        KernelUnderTest base = new KernelUnderTest("base", bk, series.base());
        KernelUnderTest head = new KernelUnderTest(
                "head",
                hk,
                source.range == null
                        ? Optional.empty()
                        : series.commits().stream().reduce((a, b) -> b).map(SeriesCommit::id));
        List<SuiteRunner.Outcome> onBase = runOn(bk, "base", dir, targeted, err);
        List<SuiteRunner.Outcome> onHead = runOn(hk, "head", dir, targeted, err);
        Comparison c = Comparison.of(base, head, targeted.tests(), onBase, onHead);
        out.println();
        out.print(c.toText());
        out.flush();
        if (junit != null) {
            ComparisonJUnit.write(c, junit);
        }
        if (kcidb != null) {
            AtomicFile.write(kcidb, KcidbReport.render(c, UUID.randomUUID().toString(), originUrl()));
        }
        return c.regressed() ? 1 : 0;
    }

    /**
     * Explores both kernels with the same programs, drawn over what the guarding scenarios
     * exercise; prints the report; 1 when a change is a regression.
     */
    private int explore(SeriesReview review, PrintWriter out, PrintWriter err) throws IOException {
        KernelChanges.Plan plan =
                review.explorePlan(seed, EXPLORE_MAX_COMMANDS, explore, EXPLORE_SHRINK_BUDGET, exploreOut);
        err.printf(
                "series: exploring base and head for %s min over %d target%s%n",
                explore, plan.targets().size(), plan.targets().size() == 1 ? "" : "s");
        err.flush();
        try (Backend base = qemu(kernels.baseKernel, kernels.baseModules, "base", err);
                Backend head = qemu(kernels.headKernel, kernels.headModules, "head", err)) {
            KernelChanges.Result r = KernelChanges.run(plan, base, head, base.reference(), err);
            out.println();
            out.print(r.report());
            out.flush();
            return r.regressions() > 0 ? 1 : 0;
        }
    }

    /** The URL of {@code --repo}'s {@code origin} remote, when there is one. */
    private Optional<String> originUrl() {
        if (repo == null) {
            return Optional.empty();
        }
        try (Repository r = RangeReader.open(repo)) {
            return Optional.ofNullable(r.getConfig().getString("remote", "origin", "url"));
        } catch (SeriesException e) {
            return Optional.empty();
        }
    }

    private static Backend qemu(Path image, Path modules, String role, PrintWriter err) {
        try {
            return Exploration.backend(
                    "qemu",
                    null,
                    new KernelBuild(image, modules),
                    Optional.empty(),
                    event -> BootProgress.tell(err, "series: " + role, event));
        } catch (VmException e) {
            throw new UserError(e.getMessage());
        }
    }

    private List<SuiteRunner.Outcome> runOn(KernelBuild k, String role, Path dir, Suite targeted, PrintWriter err)
            throws IOException {
        int total = targeted.tests().size();
        err.printf("series: running %d test%s on %s kernel %s%n", total, total == 1 ? "" : "s", role, k.release());
        err.flush();
        int[] n = {0};
        return SuiteOnKernel.run(k, timeout, dir, targeted, err, "series: " + role, o -> {
                    err.printf(
                            "[%d/%d] %s %-15s %s%n",
                            ++n[0],
                            total,
                            role,
                            o.verdict().label(),
                            String.join(" ", o.test().ids()));
                    err.flush();
                })
                .outcomes();
    }
}

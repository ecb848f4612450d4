package dev.daxspec.explore;

import dev.daxspec.conform.CaseWriter;
import dev.daxspec.diff.UnifiedDiff;
import dev.daxspec.emit.Format;
import dev.daxspec.emit.SuiteOptions;
import dev.daxspec.emit.SuiteWriter;
import dev.daxspec.emit.TestCase;
import dev.daxspec.oracle.explore.ProgramGenerator;
import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Explores a base and a head kernel with the same programs and reports every program whose
 * transcript differs between them, a regression or a fix, whatever the oracle says: what
 * {@code daxspec series --explore} runs. The programs are the explorer's random ones, drawn
 * over the targets of the scenarios a series selects and kept when they run one of those
 * scenarios' commands. Each change is written to {@code OUT/changes/NNN/}: both transcripts,
 * the oracle's, the diff from base to head, the program as a conformance case and as a
 * one-test shell suite that expects what base printed, so
 * {@code daxspec series bisect-script} takes it as its test. Not thread-safe.
 */
public final class KernelChanges {

    /** Progress lines on stderr at most this often. */
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    /** The report shows at most this many lines of a change's diff. */
    private static final int DIFF_LINES = 6;

    /**
     * What to explore.
     *
     * @param targets where programs run; each program draws one
     * @param vocabulary the program-level steps allowed (crash, fill, remount, traced runs)
     * @param commands the xfs_io commands a program must run at least one of to be kept;
     *     empty keeps every program
     * @param programs how many programs to draw, or 0 to draw until {@code minutes} have passed
     * @param minutes how long to draw new programs, or 0 for no limit; confirming and
     *     shrinking the last ones may take longer
     */
    public record Plan(
            List<Target> targets,
            Vocabulary vocabulary,
            Set<String> commands,
            long seed,
            int maxCommands,
            long programs,
            double minutes,
            int shrinkBudget,
            Path out) {

        public Plan {
            targets = List.copyOf(targets);
            commands = Set.copyOf(commands);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("nothing to explore: no target");
            }
            if (programs < 0 || minutes < 0 || programs == 0 && minutes == 0) {
                throw new IllegalArgumentException("explore a number of programs or of minutes, not " + programs
                        + " programs in " + minutes + " minutes");
            }
        }
    }

    /**
     * The plan that explores what {@code guarding} programs (a series' scenarios) exercise:
     * their targets; the program-level steps they take (a crash, a fill, a remount, a traced
     * run, a private mapping); and their commands, less those that more than half of
     * {@code all} (every scenario of the features) run, such as {@code pwrite}, which would
     * keep nearly every program. With no guarding program, everything in {@code all}.
     */
    public static Plan touching(
            List<Program> guarding,
            List<Program> all,
            long seed,
            int maxCommands,
            long programs,
            double minutes,
            int shrinkBudget,
            Path out) {
        List<Program> from = guarding.isEmpty() ? all : guarding;
        List<Target> targets = from.stream()
                .map(Program::target)
                .distinct()
                .sorted(Comparator.comparing(Target::toString))
                .toList();
        boolean crash = false;
        boolean fill = false;
        boolean remount = false;
        boolean trace = false;
        boolean probe = false;
        for (Program p : from) {
            for (Step s : p.steps()) {
                crash |= s instanceof CrashStep;
                fill |= s instanceof FillStep;
                remount |= s instanceof RemountStep;
                if (s instanceof XfsIoStep x) {
                    trace |= x.traced();
                    probe |= x.invocation().probe();
                }
            }
        }
        Map<String, Integer> usedBy = new HashMap<>();
        all.forEach(p -> commandsOf(p).forEach(c -> usedBy.merge(c, 1, Integer::sum)));
        Set<String> commands = new TreeSet<>();
        if (!guarding.isEmpty()) {
            guarding.forEach(p -> commands.addAll(commandsOf(p)));
            commands.removeIf(c -> usedBy.getOrDefault(c, 0) * 2 > all.size());
        }
        return new Plan(
                targets,
                new Vocabulary(crash, trace, probe, fill, remount),
                commands,
                seed,
                maxCommands,
                programs,
                minutes,
                shrinkBudget,
                out);
    }

    /**
     * What a run found.
     *
     * @param report the mail-sized text: what ran, the counts, each change with its program and diff
     * @param regressions the changes where base agrees with the oracle and head does not
     * @param changes every change
     */
    public record Result(String report, int regressions, int changes) {}

    private KernelChanges() {}

    /**
     * Runs the plan on both kernels, writes {@code plan.out()} and returns the result.
     *
     * @param reference the oracle's kernel for the verdicts beside each change
     * @param err progress lines and each change as it is found
     */
    public static Result run(Plan plan, Backend base, Backend head, Kernel reference, PrintWriter err)
            throws IOException {
        Path changesDir = plan.out().resolve("changes");
        if (Files.exists(changesDir)) {
            throw new IllegalArgumentException(plan.out() + " already holds changes/: name a new directory");
        }
        Files.createDirectories(plan.out());
        ProgramGenerator generator =
                new ProgramGenerator(plan.targets(), plan.vocabulary(), plan.maxCommands(), reference);
        ProgramSource source = ProgramSource.random(generator, plan.seed(), plan.maxCommands());
        long started = System.nanoTime();
        long[] lastLine = {started};
        ChangeExplorer explorer =
                new ChangeExplorer(base, head, reference, plan.shrinkBudget(), new ChangeExplorer.Listener() {
                    @Override
                    public void judged(ChangeExplorer.Tally t) {
                        long now = System.nanoTime();
                        if (now - lastLine[0] >= PROGRESS_NANOS) {
                            lastLine[0] = now;
                            progress(err, t, now - started);
                        }
                    }

                    @Override
                    public void found(ChangedProgram c) {
                        err.printf(
                                "series: %s %s %s (program %d, shrunk from %d to %d commands)%n",
                                c.kind(),
                                c.directory(),
                                c.signature(),
                                c.index(),
                                ProgramGenerator.commands(c.original()),
                                ProgramGenerator.commands(c.shrunk()));
                        err.flush();
                    }
                });
        long deadline = plan.minutes() > 0 ? started + (long) (plan.minutes() * 60e9) : Long.MAX_VALUE;
        long limit = plan.programs() > 0 ? plan.programs() : Long.MAX_VALUE;
        int batch = Math.max(base.batchSize(), head.batchSize());
        for (long next = 0; next < limit && System.nanoTime() < deadline; next += batch) {
            List<Long> indices = new ArrayList<>();
            for (long i = next; i < Math.min(limit, next + batch); i++) {
                indices.add(i);
            }
            explorer.run(source, indices, p -> runsOneOf(p, plan.commands()));
        }
        progress(err, explorer.tally(), System.nanoTime() - started);
        List<ChangedProgram> changes = explorer.changes();
        for (ChangedProgram c : changes) {
            write(changesDir, c, base, head);
        }
        String report = report(plan, base, head, explorer.tally(), changes);
        Files.writeString(plan.out().resolve("report.txt"), report);
        int regressions = (int) changes.stream()
                .filter(c -> c.kind() == ChangedProgram.Kind.REGRESSION)
                .count();
        return new Result(report, regressions, changes.size());
    }

    /** Whether {@code p} runs one of {@code commands} (any program when there are none). */
    static boolean runsOneOf(Program p, Set<String> commands) {
        return commands.isEmpty() || commandsOf(p).stream().anyMatch(commands::contains);
    }

    /** The names of the xfs_io commands {@code p} runs: {@code pwrite}, {@code mread}, ... */
    public static SortedSet<String> commandsOf(Program p) {
        SortedSet<String> names = new TreeSet<>();
        for (Step s : p.steps()) {
            if (s instanceof XfsIoStep x) {
                x.invocation().ops().forEach(op -> names.add(Difference.name(op)));
            }
        }
        return names;
    }

    private static void write(Path changes, ChangedProgram c, Backend base, Backend head) throws IOException {
        Path dir = Files.createDirectories(changes.resolve(c.directory()));
        Files.writeString(dir.resolve("base.out"), c.base());
        Files.writeString(dir.resolve("head.out"), c.head());
        Files.writeString(dir.resolve("diff"), UnifiedDiff.of("base.out", c.base(), "head.out", c.head()));
        if (!c.oracle().isEmpty()) {
            Files.writeString(dir.resolve("oracle.out"), String.join("\n# or\n", c.oracle()));
        }
        String about = c.signature() + ": differs between " + base.release() + " and " + head.release()
                + ", found by daxspec series --explore, seed " + c.seed();
        String name = "series-explore-" + c.directory();
        Files.writeString(
                dir.resolve("program.case"),
                "# Shrunk from original.case.\n" + CaseWriter.write(name, about, c.shrunk()));
        Files.writeString(dir.resolve("original.case"), CaseWriter.write(name + "-original", about, c.original()));
        Files.writeString(
                dir.resolve("change.txt"),
                String.join(
                        "\n",
                        c.kind() + " " + c.signature(),
                        "base: " + base.describe() + ": " + c.verdict(c.baseAgrees()),
                        "head: " + head.describe() + ": " + c.verdict(c.headAgrees()),
                        "target: " + c.shrunk().target(),
                        "program " + c.index() + " of the exploration, seed " + c.seed() + ", "
                                + ProgramGenerator.commands(c.original()) + " commands, shrunk to "
                                + ProgramGenerator.commands(c.shrunk()),
                        "programs showing it: " + c.programs(),
                        ""));
        if (c.shrunk().steps().stream().noneMatch(CrashStep.class::isInstance)) {
            // The test expects what base printed: it passes on base and fails on head, so
            // git bisect run finds the commit that changed it, whichever side the oracle takes.
            TestCase tc = new TestCase(
                    name,
                    c.signature() + " as " + base.release() + " prints it",
                    List.of(about),
                    List.of(),
                    c.shrunk(),
                    List.of(c.base()),
                    Optional.empty(),
                    List.of());
            SuiteWriter.write(List.of(tc), Format.SHELL, dir.resolve("shell"), SuiteOptions.NONE);
        }
    }

    static String report(Plan plan, Backend base, Backend head, ChangeExplorer.Tally t, List<ChangedProgram> changes) {
        StringBuilder sb = new StringBuilder();
        sb.append("Exploring base and head with the same programs (")
                .append(plan.programs() > 0 ? plan.programs() + " drawn" : fmt(plan.minutes()) + " min")
                .append(", seed ")
                .append(plan.seed())
                .append(")\n");
        sb.append("  base: ").append(base.describe()).append('\n');
        sb.append("  head: ").append(head.describe()).append('\n');
        sb.append("  ")
                .append(plan.targets().size())
                .append(" target")
                .append(plan.targets().size() == 1 ? "" : "s")
                .append(" of the guarding scenarios; programs that run one of: ")
                .append(plan.commands().isEmpty() ? "any command" : String.join(" ", new TreeSet<>(plan.commands())))
                .append('\n');
        sb.append(String.format(
                Locale.ROOT,
                "%d programs on both: %d the same, %d differ, %d flaky, %d trouble" + "; %d drawn and skipped%n",
                t.programs,
                t.same,
                t.changed,
                t.flaky,
                t.trouble,
                t.skipped));
        if (t.allowed > 0) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %d of those that differ chose between outcomes the oracle allows"
                            + " after a crash: not counted as changes%n",
                    t.allowed));
        }
        t.troubles.forEach(x -> sb.append("  trouble: ").append(x).append('\n'));
        long regressions = changes.stream()
                .filter(c -> c.kind() == ChangedProgram.Kind.REGRESSION)
                .count();
        long fixes = changes.stream()
                .filter(c -> c.kind() == ChangedProgram.Kind.FIX)
                .count();
        sb.append(String.format(
                Locale.ROOT,
                "%d change%s: %d regression%s, %d fix%s, %d other%n",
                changes.size(),
                changes.size() == 1 ? "" : "s",
                regressions,
                regressions == 1 ? "" : "s",
                fixes,
                fixes == 1 ? "" : "es",
                changes.size() - regressions - fixes));
        for (ChangedProgram c : changes) {
            sb.append('\n');
            sb.append(String.format(
                    Locale.ROOT,
                    "%-10s %s  %s  (%d program%s; %d commands)%n",
                    c.kind(),
                    c.directory(),
                    c.signature(),
                    c.programs(),
                    c.programs() == 1 ? "" : "s",
                    ProgramGenerator.commands(c.shrunk())));
            sb.append("      ").append(c.shrunk().target()).append('\n');
            sb.append("      base ")
                    .append(c.verdict(c.baseAgrees()))
                    .append("; head ")
                    .append(c.verdict(c.headAgrees()))
                    .append('\n');
            c.shrunk().steps().forEach(s -> sb.append("      ").append(s).append('\n'));
            UnifiedDiff.of("base", c.base(), "head", c.head())
                    .lines()
                    .filter(l ->
                            (l.startsWith("+") || l.startsWith("-")) && !l.startsWith("+++") && !l.startsWith("---"))
                    .limit(DIFF_LINES)
                    .forEach(l -> sb.append("      ").append(l).append('\n'));
        }
        if (!changes.isEmpty()) {
            sb.append("\nEach change: ")
                    .append(plan.out().resolve("changes"))
                    .append("/NNN/ (base.out, head.out,"
                            + " oracle.out, diff, program.case; shell/ holds it as a test for 'daxspec series bisect-script"
                            + " --suite DIR --test series-explore-NNN').\n");
        }
        return sb.toString();
    }

    private static String fmt(double minutes) {
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
    }

    private static void progress(PrintWriter err, ChangeExplorer.Tally t, long nanos) {
        double minutes = nanos / 60e9;
        err.printf(
                Locale.ROOT,
                "series: explored %d programs on both kernels (%.1f/min), %d differ, %d flaky," + " %d trouble%n",
                t.programs,
                minutes > 0 ? t.programs / minutes : 0.0,
                t.changed,
                t.flaky,
                t.trouble);
        err.flush();
    }
}

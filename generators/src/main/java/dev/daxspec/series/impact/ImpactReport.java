package dev.daxspec.series.impact;

import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The result of {@link Impact#analyse}: per commit, what it touches and which
 * scenarios guard it; over the series, which scenarios to run and which
 * variants they kill.
 *
 * <p>Renderings, all deterministic (same input, same bytes):
 * {@link #toSummary()}, at most 40 lines, and {@link #toText()}, the whole report,
 * for the terminal and mail, plain ASCII, lines of at most 78 columns except where a
 * single path or id is longer; and
 * {@link #toJson()} for tools, whose layout {@link JsonReport} documents.
 *
 * <p>Immutable and thread-safe.
 */
public final class ImpactReport {

    /**
     * A scenario selected by at least one commit.
     *
     * @param scenario the scenario
     * @param commits the 1-based indexes of the commits that select it
     */
    public record Selection(GuardedScenario scenario, List<Integer> commits) {
        /** Copies. */
        public Selection {
            Objects.requireNonNull(scenario, "scenario");
            commits = List.copyOf(commits);
        }
    }

    /**
     * Counts over the series.
     *
     * @param commits commits analysed
     * @param files distinct paths changed
     * @param functions distinct {@code path:function} touched
     * @param scenarios distinct scenarios selected
     * @param features distinct features of the selected scenarios
     * @param variants the variants the selected scenarios kill, sorted
     * @param unguarded distinct touched places that no scenario guards
     */
    public record Summary(
            int commits, int files, int functions, int scenarios, int features, List<String> variants, int unguarded) {
        /** Copies. */
        public Summary {
            variants = List.copyOf(variants);
        }
    }

    private final String source;
    private final Optional<String> coverLetter;
    private final List<CommitImpact> commits;
    private final List<Selection> selected;
    private final List<Diagnostic> diagnostics;
    private final Summary summary;
    private final KillMatrixNote killMatrix;

    /**
     * What the report says about where the variants come from.
     *
     * @param stated whether to say it at all (reports built by the library alone do not)
     * @param file the kill matrix file the scenarios' variants were read from, if any
     */
    private record KillMatrixNote(boolean stated, Optional<String> file) {}

    ImpactReport(
            String source, Optional<String> coverLetter, List<CommitImpact> commits, List<Diagnostic> diagnostics) {
        this(source, coverLetter, commits, diagnostics, new KillMatrixNote(false, Optional.empty()));
    }

    private ImpactReport(
            String source,
            Optional<String> coverLetter,
            List<CommitImpact> commits,
            List<Diagnostic> diagnostics,
            KillMatrixNote killMatrix) {
        this.killMatrix = killMatrix;
        this.source = Objects.requireNonNull(source, "source");
        this.coverLetter = Objects.requireNonNull(coverLetter, "coverLetter");
        this.commits = List.copyOf(commits);
        this.diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
        Map<GuardedScenario, List<Integer>> sel = new TreeMap<>(Impact.SCENARIO_ORDER);
        TreeSet<String> paths = new TreeSet<>();
        TreeSet<String> functions = new TreeSet<>();
        TreeSet<String> unguarded = new TreeSet<>();
        TreeSet<String> variants = new TreeSet<>();
        for (CommitImpact c : this.commits) {
            for (ScenarioMatch m : c.matches()) {
                sel.computeIfAbsent(m.scenario(), k -> new ArrayList<>())
                        .add(c.commit().index());
                variants.addAll(m.scenario().killedVariants());
            }
            for (ChangedFile f : c.commit().files()) {
                paths.addAll(f.paths());
                for (String fn : f.functions()) {
                    functions.add(f.path() + ":" + fn);
                }
            }
            unguarded.addAll(c.unguarded());
        }
        List<Selection> s = new ArrayList<>();
        TreeSet<String> features = new TreeSet<>();
        for (Map.Entry<GuardedScenario, List<Integer>> e : sel.entrySet()) {
            s.add(new Selection(e.getKey(), e.getValue()));
            features.add(e.getKey().feature());
        }
        this.selected = List.copyOf(s);
        this.summary = new Summary(
                this.commits.size(),
                paths.size(),
                functions.size(),
                s.size(),
                features.size(),
                List.copyOf(variants),
                unguarded.size());
    }

    /**
     * This report, saying in its header where the scenarios' variants come from: the kill
     * matrix {@code file}, or (when empty) that none was given, so that no variant is shown
     * and how to get them. The text header gets a {@code Variants:} line; JSON has
     * {@code "killMatrix"} either way.
     *
     * @param file the kill matrix file, as the user named it, or empty when none was given
     * @return a new report
     */
    public ImpactReport withKillMatrix(Optional<String> file) {
        return new ImpactReport(source, coverLetter, commits, diagnostics, new KillMatrixNote(true, file));
    }

    /** @return whether {@link #withKillMatrix} said where the variants come from */
    public boolean killMatrixStated() {
        return killMatrix.stated();
    }

    /** @return the kill matrix the variants come from, empty when none was given or it was not stated */
    public Optional<String> killMatrix() {
        return killMatrix.file();
    }

    /** @return what was read, as the series says */
    public String source() {
        return source;
    }

    /** @return the cover letter's subject, for mail with one */
    public Optional<String> coverLetter() {
        return coverLetter;
    }

    /** @return per commit, oldest first */
    public List<CommitImpact> commits() {
        return commits;
    }

    /** @return the scenarios to run, ordered by feature, line and id */
    public List<Selection> selected() {
        return selected;
    }

    /** @return what reading and matching noticed, in {@link Diagnostic#ORDER} */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** @return the counts */
    public Summary summary() {
        return summary;
    }

    /**
     * @return the whole report for the terminal and mail: the counts, the scenarios to run,
     *     each commit with why each scenario guards it, the notes; ASCII, 78 columns, ends
     *     with a newline
     */
    public String toText() {
        return TextReport.render(this);
    }

    /**
     * @return the summary a reviewer pastes into a mail, at most 40 lines: what each commit
     *     touches, the bugs the guarding scenarios catch and by which, what no scenario
     *     guards, the warnings, and the guarding scenarios' ids, nearest first; ASCII, 78
     *     columns, ends with a newline
     */
    public String toSummary() {
        return ReviewSummary.render(this);
    }

    /** @return {@link #toText()} without its counts, which {@link #toSummary()} has: what follows a summary */
    public String toDetails() {
        return TextReport.details(this);
    }

    /** @return the report as JSON (see {@link JsonReport}), pretty-printed, ends with a newline */
    public String toJson() {
        return JsonReport.render(this);
    }
}

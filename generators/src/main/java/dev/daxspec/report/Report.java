package dev.daxspec.report;

import dev.daxspec.check.CheckResult;
import dev.daxspec.check.ScenarioResult;
import dev.daxspec.emit.AtomicTree;
import dev.daxspec.emit.KnownDeviations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code daxspec report}: the specification, its proof and its results as a static site a
 * maintainer reviews from {@code file://}, without a server and without JavaScript:
 * <ul>
 * <li>{@code index.html}: each feature with its rule, its thread, its scenario count and
 *     each kernel's tally;</li>
 * <li>{@code features/*.html}: a page per feature, each scenario's steps as written, the
 *     oracle's transcript, the variants it kills, and per kernel its verdict, with the
 *     kernel's transcript and the diff where it differs, and the deviation recorded for it;</li>
 * <li>{@code kill-matrix.html}: variants by scenarios as a picture, killed or survived;</li>
 * <li>{@code runs.html}: kernels by features, and each run's results that are no scenario's;</li>
 * <li>{@code explore.html}: explore's findings, their shrunk programs and diffs;</li>
 * <li>{@code summary.txt}: the same in plain text for a mail;</li>
 * <li>{@code style.css}: the one stylesheet.</li>
 * </ul>
 * Deterministic: the same inputs give the same bytes (no clock, no absolute path beyond
 * what the user named). Immutable.
 */
public final class Report {

    /** The file marking a directory as a report, so that writing one again may replace it. */
    public static final String MARKER = ".daxspec-report";

    private final CheckResult check;
    private final KnownDeviations known;
    private final Results results;
    private final List<Explored> explored;
    private final List<FeatureView> features;

    /**
     * @param check the features checked on the oracle and its variants
     * @param known the deviations recorded for the scenarios (features/known-deviations.json)
     * @param runs the kernel runs, in the order given
     * @param explored explore's output directories, in the order given
     */
    public Report(CheckResult check, KnownDeviations known, List<KernelResults> runs, List<Explored> explored) {
        this.check = check;
        this.known = known;
        this.results = new Results(runs);
        this.explored = List.copyOf(explored);
        this.features = FeatureView.of(check);
    }

    /** Every file of the report by its path under the output directory, in path order. */
    public SortedMap<String, String> files() {
        SortedMap<String, String> out = new TreeMap<>();
        out.put(MARKER, "A report written by daxspec report; daxspec report --out replaces it.\n");
        out.put("style.css", stylesheet());
        out.put("index.html", IndexPage.html(this));
        for (FeatureView f : features) {
            out.put(f.page(), FeaturePage.html(this, f));
        }
        out.put("kill-matrix.html", KillMatrixPage.html(this));
        out.put("runs.html", RunsPage.html(this));
        out.put("explore.html", ExplorePage.html(this));
        out.put("summary.txt", summary());
        return out;
    }

    /** The plain-text summary, {@code summary.txt}: what a mail about the results says. */
    public String summary() {
        return MailSummary.text(this);
    }

    /**
     * Writes the report as the directory {@code out}, whole or not at all, replacing a report
     * written there before.
     *
     * @throws IOException when writing fails, or {@code out} holds something other than a report
     */
    public void write(Path out) throws IOException {
        SortedMap<String, AtomicTree.Entry> files = new TreeMap<>();
        files().forEach((path, text) ->
                files.put(path, new AtomicTree.Entry(text.getBytes(StandardCharsets.UTF_8), false)));
        AtomicTree.write(files, out, MARKER, "a report");
    }

    CheckResult check() {
        return check;
    }

    KnownDeviations known() {
        return known;
    }

    Results results() {
        return results;
    }

    List<Explored> explored() {
        return explored;
    }

    List<FeatureView> features() {
        return features;
    }

    /** The ids of every scenario checked. */
    Set<String> scenarioIds() {
        return check.scenarios().stream()
                .map(ScenarioResult::scenario)
                .map(s -> s.id())
                .collect(Collectors.toSet());
    }

    /** The feature a scenario belongs to. */
    FeatureView featureOf(ScenarioResult v) {
        return features.stream()
                .filter(f -> f.path().equals(v.scenario().feature()))
                .findFirst()
                .orElseThrow();
    }

    private static String stylesheet() {
        try (InputStream in = Report.class.getResourceAsStream("style.css")) {
            if (in == null) {
                throw new IllegalStateException("style.css is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

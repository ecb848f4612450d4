package dev.daxspec.series.impact;

import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.SeriesCommit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The short form of an {@link ImpactReport}, at most {@link #MAX_LINES} lines, to paste
 * into a review mail: what the series touches, commit by commit; the bugs the guarding
 * scenarios are shown to catch, each with the scenarios that catch it; what no scenario
 * guards; the warnings; and the guarding scenarios by id, the ids {@code daxspec run
 * --test} and {@code daxspec series bisect-script --test} take, nearest first. What does
 * not fit is counted, and {@code --verbose} (the {@link TextReport}) gives it with why.
 */
final class ReviewSummary {

    /** The most lines the summary has, whatever the series. */
    static final int MAX_LINES = 40;

    /** Commits shown with their files; a longer series gets one line per commit. */
    private static final int COMMITS_WITH_FILES = 6;

    /** Commits shown at all; the rest are counted. */
    private static final int COMMITS_SHOWN = 12;

    private ReviewSummary() {}

    static String render(ImpactReport r) {
        Map<GuardedScenario, Integer> rank = nearestRank(r);
        List<GuardedScenario> byNearness = r.selected().stream()
                .map(ImpactReport.Selection::scenario)
                .sorted(Comparator.comparing((GuardedScenario g) -> rank.get(g))
                        .thenComparing(g -> -g.killedVariants().size())
                        .thenComparing(Impact.SCENARIO_ORDER))
                .toList();
        AsciiText top = new AsciiText();
        header(r, top);
        top.line("");
        commits(r, top);
        top.line("");
        catches(r, byNearness, top);
        unguardedAndWarnings(r, top);
        top.line("");
        AsciiText ids = scenarioIds(byNearness, MAX_LINES - top.size());
        top.append(ids);
        return top.text();
    }

    private static void header(ImpactReport r, AsciiText t) {
        ImpactReport.Summary s = r.summary();
        t.wrap(
                "",
                "  ",
                "daxspec series: " + AsciiText.count(s.commits(), "commit") + ", "
                        + AsciiText.count(s.files(), "file") + ", " + AsciiText.count(s.functions(), "function")
                        + "; "
                        + (s.scenarios() == 0
                                ? "no scenario guards them"
                                : AsciiText.count(s.scenarios(), "scenario") + " guard them"));
        t.wrap("Source:    ", "           ", r.source());
        r.coverLetter().ifPresent(c -> t.wrap("Cover:     ", "           ", c));
        if (r.killMatrixStated()) {
            t.wrap(
                    "Variants:  ",
                    "           ",
                    r.killMatrix()
                            .map(f -> "from the kill matrix " + f)
                            .orElse("not shown: no kill matrix given (--kills FILE, written by daxspec check)"));
        }
    }

    /** Each commit: its subject and how many scenarios guard it, then what it touches when the series is short. */
    private static void commits(ImpactReport r, AsciiText t) {
        int n = r.commits().size();
        boolean withFiles = n <= COMMITS_WITH_FILES;
        for (CommitImpact ci : r.commits().subList(0, Math.min(n, COMMITS_SHOWN))) {
            SeriesCommit c = ci.commit();
            String head = "[" + c.index() + "/" + n + "] ";
            String guards = ci.matches().isEmpty()
                    ? "unguarded"
                    : AsciiText.count(ci.matches().size(), "scenario");
            String subject = (c.origin() == SeriesCommit.Origin.COMMIT ? c.shortId() + " " : "") + c.subject();
            if (withFiles) {
                t.line(clip(head + subject, AsciiText.WIDTH));
                String files = c.files().stream().map(TextReport::file).collect(Collectors.joining("; "));
                String indent = " ".repeat(head.length());
                t.wrap(indent, indent, files + " -> " + guards);
            } else {
                t.line(clip(head + subject, AsciiText.WIDTH - guards.length() - 4) + " -> " + guards);
            }
        }
        if (n > COMMITS_SHOWN) {
            t.line("... and " + AsciiText.count(n - COMMITS_SHOWN, "more commit") + " (--verbose)");
        }
    }

    /** Each variant the guarding scenarios kill, with the nearest scenarios that kill it. */
    private static void catches(ImpactReport r, List<GuardedScenario> byNearness, AsciiText t) {
        List<String> variants = r.summary().variants();
        if (variants.isEmpty()) {
            t.line(
                    r.summary().scenarios() == 0
                            ? "Catches:   nothing; no scenario guards the series"
                            : "Catches:   no historical bug is shown caught by the guarding scenarios");
            return;
        }
        t.line("Catches (each historical bug, and the guarding scenarios shown to catch it):");
        int width = variants.stream().mapToInt(String::length).max().orElse(0);
        for (String v : variants) {
            List<String> killers = byNearness.stream()
                    .filter(g -> g.killedVariants().contains(v))
                    .map(GuardedScenario::id)
                    .toList();
            t.line(clip("  " + v + " ".repeat(width - v.length() + 2), killers, AsciiText.WIDTH));
        }
    }

    private static void unguardedAndWarnings(ImpactReport r, AsciiText t) {
        Set<String> unguarded = new LinkedHashSet<>();
        r.commits().forEach(c -> unguarded.addAll(c.unguarded()));
        if (!unguarded.isEmpty()) {
            t.line("");
            t.line(clip("Unguarded: ", List.copyOf(unguarded), AsciiText.WIDTH));
        }
        List<Diagnostic> warnings = r.diagnostics().stream()
                .filter(d -> d.severity() != Diagnostic.Severity.INFO)
                .toList();
        if (!warnings.isEmpty()) {
            t.line("");
            t.line(clip(warnings.get(0).toString(), AsciiText.WIDTH));
            if (warnings.size() > 1) {
                t.line("... and " + AsciiText.count(warnings.size() - 1, "more warning") + " (--verbose)");
            }
        }
    }

    /** The guarding scenarios' ids, nearest first, in at most {@code lines} lines. */
    private static AsciiText scenarioIds(List<GuardedScenario> byNearness, int lines) {
        AsciiText t = new AsciiText();
        if (byNearness.isEmpty()) {
            return t;
        }
        t.line("Guarding scenarios, nearest first (the ids 'daxspec run --test' and");
        t.line("'daxspec series bisect-script --test' take):");
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        int width = 2;
        for (GuardedScenario g : byNearness) {
            if (!row.isEmpty() && width + 1 + g.id().length() > AsciiText.WIDTH) {
                rows.add(row);
                row = new ArrayList<>();
                width = 2;
            }
            width += (row.isEmpty() ? 0 : 1) + g.id().length();
            row.add(g.id());
        }
        rows.add(row);
        int room = lines - t.size();
        List<List<String>> shown = rows.size() <= room ? rows : rows.subList(0, Math.max(0, room - 1));
        shown.forEach(ids -> t.line("  " + String.join(" ", ids)));
        int left = byNearness.size() - shown.stream().mapToInt(List::size).sum();
        if (left > 0) {
            t.line("  ... and " + left + " more; --verbose lists each with why");
        }
        return t;
    }

    /** Per scenario, the nearest a commit's match of it is (see {@link ScenarioMatch#rank()}). */
    private static Map<GuardedScenario, Integer> nearestRank(ImpactReport r) {
        Map<GuardedScenario, Integer> rank = new HashMap<>();
        for (CommitImpact c : r.commits()) {
            for (ScenarioMatch m : c.matches()) {
                rank.merge(m.scenario(), m.rank(), Math::min);
            }
        }
        return rank;
    }

    /** {@code prefix} and as many of {@code words} as fit in {@code width}, then how many more. */
    private static String clip(String prefix, List<String> words, int width) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < words.size(); i++) {
            String more = i + 1 < words.size() ? " (+" + (words.size() - i - 1) + ")" : "";
            String sep = b.length() == prefix.length() ? "" : " ";
            if (i > 0 && b.length() + sep.length() + words.get(i).length() + more.length() > width) {
                return b.append(" (+").append(words.size() - i).append(")").toString();
            }
            b.append(sep).append(words.get(i));
        }
        return b.toString();
    }

    /** {@code s}, cut to {@code width} with {@code ...} when longer. */
    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }
}

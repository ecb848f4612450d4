package dev.daxspec.series.impact;

import dev.daxspec.series.ChangeKind;
import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.Diagnostic.Severity;
import dev.daxspec.series.Series;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.impact.MatchReason.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Matches a series' commits against the scenarios' {@code @touches:} tags.
 *
 * <p>For each commit, the touched code is every function of every changed
 * file (at the old and the new path of a rename), and the file itself. A
 * scenario is selected:
 * <ul>
 * <li>{@link Kind#FUNCTION}: its tag names a function the commit touches;</li>
 * <li>{@link Kind#OUTSIDE_FUNCTIONS}: its tag names a function in a file where
 * the commit changes code outside any function (a {@code #define}, an
 * initialiser), or that is not C, or whose functions are unknown: such a
 * change may affect any function of the file;</li>
 * <li>{@link Kind#FILE}: its tag names a file the commit changes;</li>
 * <li>{@link Kind#UNDER}: its tag names a directory the commit changes something in;</li>
 * <li>{@link Kind#RULE}: a {@link TouchRules touches rule} maps touched code
 * to code the tag overlaps, or to a tag the scenario carries.</li>
 * </ul>
 * Code a commit touches that selects no scenario is listed as unguarded.
 *
 * <p>Deterministic: the same inputs give the same report. Stateless and
 * thread-safe.
 */
public final class Impact {

    /** Orders scenarios by feature, line, id. */
    static final Comparator<GuardedScenario> SCENARIO_ORDER = Comparator
            .comparing(GuardedScenario::feature).thenComparingInt(GuardedScenario::line)
            .thenComparing(GuardedScenario::id);

    private Impact() {
    }

    /** Code a commit touches. */
    private record Touch(String path, String function, boolean codeOutside, boolean forRules) {
        TouchTarget target() {
            return function != null ? TouchTarget.function(path, function) : TouchTarget.file(path);
        }

        String text() {
            return function != null ? path + ":" + function : path;
        }
    }

    /** A scenario with its parsed targets. */
    private record Prepared(GuardedScenario scenario, List<TouchTarget> targets, Set<String> tags) {
    }

    /**
     * @param series a series read from a range or mail
     * @param scenarios the scenarios with their tags and kills
     * @param rules the touches rules
     * @return the impact report
     */
    public static ImpactReport analyse(Series series, List<GuardedScenario> scenarios,
            TouchRules rules) {
        return analyse(series.source(), series.coverLetter(), series.commits(),
                series.diagnostics(), scenarios, rules);
    }

    /**
     * @param commits commits, oldest first
     * @param scenarios the scenarios with their tags and kills
     * @param rules the touches rules
     * @return the impact report
     */
    public static ImpactReport analyse(List<SeriesCommit> commits, List<GuardedScenario> scenarios,
            TouchRules rules) {
        return analyse("commits", Optional.empty(), commits, List.of(), scenarios, rules);
    }

    private static ImpactReport analyse(String source, Optional<String> cover,
            List<SeriesCommit> commits, List<Diagnostic> seriesDiagnostics,
            List<GuardedScenario> scenarios, TouchRules rules) {
        List<Diagnostic> diagnostics = new ArrayList<>(seriesDiagnostics);
        List<Prepared> prepared = prepare(scenarios, diagnostics);
        Map<String, TouchTarget> parsedTargets = new HashMap<>();
        List<CommitImpact> out = new ArrayList<>();
        for (SeriesCommit c : commits) {
            out.add(commit(c, prepared, rules, parsedTargets));
        }
        return new ImpactReport(source, cover, out, diagnostics);
    }

    private static List<Prepared> prepare(List<GuardedScenario> scenarios,
            List<Diagnostic> diagnostics) {
        List<Prepared> out = new ArrayList<>();
        List<GuardedScenario> sorted = new ArrayList<>(scenarios);
        sorted.sort(SCENARIO_ORDER);
        for (GuardedScenario s : sorted) {
            List<TouchTarget> targets = new ArrayList<>();
            for (String t : s.tags()) {
                if (!t.startsWith(GuardedScenario.TOUCHES)) {
                    continue;
                }
                try {
                    targets.add(TouchTarget.parse(t.substring(GuardedScenario.TOUCHES.length())));
                } catch (IllegalArgumentException e) {
                    diagnostics.add(new Diagnostic(Severity.WARNING, s.feature(), s.line(),
                            "scenario '" + s.name() + "': tag " + t + " ignored: " + e.getMessage()));
                }
            }
            out.add(new Prepared(s, targets, Set.copyOf(s.tags())));
        }
        return out;
    }

    private static CommitImpact commit(SeriesCommit c, List<Prepared> scenarios, TouchRules rules,
            Map<String, TouchTarget> parsedTargets) {
        Map<GuardedScenario, Set<MatchReason>> reasons = new LinkedHashMap<>();
        List<String> unguarded = new ArrayList<>();
        for (Touch t : touches(c)) {
            boolean guarded = false;
            for (Prepared p : scenarios) {
                for (TouchTarget target : p.targets()) {
                    MatchReason r = direct(target, t);
                    if (r != null) {
                        reasons.computeIfAbsent(p.scenario(), k -> new TreeSet<>(MatchReason.ORDER)).add(r);
                        guarded = true;
                    }
                }
            }
            if (t.forRules()) {
                for (TouchRule rule : rules.applicable(t.target())) {
                    for (String to : rule.to()) {
                        TouchTarget toTarget = to.startsWith("@") ? null
                                : parsedTargets.computeIfAbsent(to, TouchTarget::parse);
                        for (Prepared p : scenarios) {
                            boolean hit = toTarget == null ? p.tags().contains(to)
                                    : p.targets().stream().anyMatch(x -> x.overlaps(toTarget));
                            if (hit) {
                                reasons.computeIfAbsent(p.scenario(), k -> new TreeSet<>(MatchReason.ORDER))
                                        .add(new MatchReason(Kind.RULE, t.text(), to,
                                                rule.where()));
                                guarded = true;
                            }
                        }
                    }
                }
            }
            if (!guarded && (t.function() != null || t.codeOutside()) && !unguarded.contains(t.text())) {
                unguarded.add(t.text());
            }
        }
        List<ScenarioMatch> matches = new ArrayList<>();
        TreeSet<String> variants = new TreeSet<>();
        Map<GuardedScenario, Set<MatchReason>> ordered = new TreeMap<>(SCENARIO_ORDER);
        ordered.putAll(reasons);
        for (Map.Entry<GuardedScenario, Set<MatchReason>> e : ordered.entrySet()) {
            matches.add(new ScenarioMatch(e.getKey(), List.copyOf(e.getValue())));
            variants.addAll(e.getKey().killedVariants());
        }
        return new CommitImpact(c, matches, unguarded, List.copyOf(variants));
    }

    /** The code a commit touches, in file order: functions, then the file. */
    private static List<Touch> touches(SeriesCommit c) {
        Set<Touch> out = new LinkedHashSet<>();
        for (ChangedFile f : c.files()) {
            for (String path : f.paths()) {
                for (String fn : f.functions()) {
                    out.add(new Touch(path, fn, false, true));
                }
                // the file itself: for whole-file and directory tags always; for
                // function tags and rules only when the change is not all in
                // functions (a comment-only edit selects nothing through rules,
                // a rename without changed lines does)
                boolean wholeFile = f.outsideFunctions();
                boolean moved = f.functions().isEmpty() && f.change() != ChangeKind.MODIFY;
                out.add(new Touch(path, null, wholeFile, wholeFile || moved));
            }
        }
        return List.copyOf(out);
    }

    private static MatchReason direct(TouchTarget target, Touch t) {
        return switch (target.kind()) {
            case DIRECTORY -> t.path().startsWith(target.path())
                    ? new MatchReason(Kind.UNDER, t.path(), target.toString(), "") : null;
            case FILE -> t.path().equals(target.path())
                    ? new MatchReason(Kind.FILE, t.path(), target.toString(), "") : null;
            case FUNCTION -> {
                if (!t.path().equals(target.path())) {
                    yield null;
                }
                if (t.function() != null) {
                    yield t.function().equals(target.function().orElseThrow())
                            ? new MatchReason(Kind.FUNCTION, t.text(), target.toString(), "") : null;
                }
                yield t.codeOutside()
                        ? new MatchReason(Kind.OUTSIDE_FUNCTIONS, t.path(), target.toString(), "")
                        : null;
            }
        };
    }
}

package dev.daxspec.series.impact;

import dev.daxspec.series.ChangeKind;
import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.Diagnostic.Severity;
import dev.daxspec.series.Series;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.calls.CallGraph;
import dev.daxspec.series.calls.FunctionRef;
import dev.daxspec.series.impact.MatchReason.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Matches a series' commits against the scenarios' {@code @touches:} tags,
 * the touches rules, and the call graph of the tree the series applies to.
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
 * to code the tag overlaps, or to a tag the scenario carries;</li>
 * <li>{@link Kind#CALLED_BY}, {@link Kind#CALLS}: none of the above holds for
 * this touched function and scenario, but a function the scenario's tag names
 * calls the touched function, or is called by it, within {@code maxCalls}
 * calls in the {@link CallGraph}; the shortest such chain is the reason (on a
 * tie, the first tag; for one tag, the scenario's function calling the
 * touched one before the other way round);</li>
 * <li>{@link Kind#SAME_FILE}: the fallback, for a touched function that
 * selects nothing above: the scenario's tag names another function of its
 * file.</li>
 * </ul>
 * A commit's matches are ordered by {@link ScenarioMatch#rank()} (direct
 * matches, then by the number of calls, then the fallback), then by
 * feature, line and id. Code a commit touches that selects no scenario, not
 * even by the fallback, is listed as unguarded. A note (a diagnostic of
 * source {@code call graph}) says which call graph was used.
 *
 * <p>Deterministic: the same inputs give the same report. Stateless and
 * thread-safe.
 */
public final class Impact {

    /** Orders scenarios by feature, line, id. */
    static final Comparator<GuardedScenario> SCENARIO_ORDER = Comparator.comparing(GuardedScenario::feature)
            .thenComparingInt(GuardedScenario::line)
            .thenComparing(GuardedScenario::id);

    private Impact() {}

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
    private record Prepared(GuardedScenario scenario, List<TouchTarget> targets, Set<String> tags) {}

    /** The source of the diagnostic that says which call graph selected. */
    private static final String CALL_GRAPH = "call graph";

    /**
     * Matches without a call graph: tags, rules and the same-file fallback.
     *
     * @param series a series read from a range or mail
     * @param scenarios the scenarios with their tags and kills
     * @param rules the touches rules
     * @return the impact report
     */
    public static ImpactReport analyse(Series series, List<GuardedScenario> scenarios, TouchRules rules) {
        return analyse(series, scenarios, rules, CallGraph.none("none given"), 0);
    }

    /**
     * @param series a series read from a range or mail
     * @param scenarios the scenarios with their tags and kills
     * @param rules the touches rules
     * @param graph the call graph of the tree the series applies to (see
     *     {@link #callGraphFiles}), or {@link CallGraph#none}
     * @param maxCalls how many calls apart a touched function and a scenario's
     *     may be; 0 selects by tags, rules and the fallback only
     * @return the impact report
     */
    public static ImpactReport analyse(
            Series series, List<GuardedScenario> scenarios, TouchRules rules, CallGraph graph, int maxCalls) {
        return analyse(
                series.source(),
                series.coverLetter(),
                series.commits(),
                series.diagnostics(),
                scenarios,
                rules,
                graph,
                maxCalls);
    }

    /**
     * Matches commits without a call graph: tags, rules and the same-file fallback.
     *
     * @param commits commits, oldest first
     * @param scenarios the scenarios with their tags and kills
     * @param rules the touches rules
     * @return the impact report
     */
    public static ImpactReport analyse(List<SeriesCommit> commits, List<GuardedScenario> scenarios, TouchRules rules) {
        return analyse(
                "commits", Optional.empty(), commits, List.of(), scenarios, rules, CallGraph.none("none given"), 0);
    }

    /**
     * The files the call graph needs: the C files ({@code .c}, {@code .h})
     * the series touches (at both paths of a rename), and those the
     * scenarios' {@code @touches:} tags and the rules name as a file or a
     * function's file. Directory targets add nothing, and nothing else of the
     * tree is read: a chain through a file outside these is not seen.
     *
     * @param series the series
     * @param scenarios the scenarios
     * @param rules the touches rules
     * @return the paths, sorted
     */
    public static SortedSet<String> callGraphFiles(Series series, List<GuardedScenario> scenarios, TouchRules rules) {
        SortedSet<String> out = new TreeSet<>();
        for (SeriesCommit c : series.commits()) {
            for (ChangedFile f : c.files()) {
                out.addAll(f.paths());
            }
        }
        for (GuardedScenario s : scenarios) {
            s.touches().forEach(t -> out.add(t.path()));
        }
        for (TouchRule r : rules.rules()) {
            out.add(r.from().path());
            for (String to : r.to()) {
                if (!to.startsWith("@")) {
                    out.add(TouchTarget.parse(to).path());
                }
            }
        }
        out.removeIf(p -> !p.endsWith(".c") && !p.endsWith(".h"));
        return out;
    }

    private static ImpactReport analyse(
            String source,
            Optional<String> cover,
            List<SeriesCommit> commits,
            List<Diagnostic> seriesDiagnostics,
            List<GuardedScenario> scenarios,
            TouchRules rules,
            CallGraph graph,
            int maxCalls) {
        if (maxCalls < 0) {
            throw new IllegalArgumentException("maxCalls " + maxCalls + " < 0");
        }
        List<Diagnostic> diagnostics = new ArrayList<>(seriesDiagnostics);
        diagnostics.add(new Diagnostic(
                Severity.INFO,
                CALL_GRAPH,
                0,
                graph.description() + "; "
                        + (graph.functions() > 0 && maxCalls > 0
                                ? "a scenario whose function is within "
                                        + maxCalls + " call" + (maxCalls == 1 ? "" : "s")
                                        + " of a touched function is selected, and"
                                : "scenarios are selected by tags and rules, and")
                        + " a touched function that selects nothing else selects the scenarios"
                        + " naming other functions of its file"));
        for (String problem : graph.problems()) {
            diagnostics.add(new Diagnostic(Severity.WARNING, CALL_GRAPH, 0, problem + "; its calls may be missing"));
        }
        List<Prepared> prepared = prepare(scenarios, diagnostics);
        Map<String, TouchTarget> parsedTargets = new HashMap<>();
        List<CommitImpact> out = new ArrayList<>();
        for (SeriesCommit c : commits) {
            out.add(commit(c, prepared, rules, parsedTargets, graph, maxCalls));
        }
        return new ImpactReport(source, cover, out, diagnostics);
    }

    private static List<Prepared> prepare(List<GuardedScenario> scenarios, List<Diagnostic> diagnostics) {
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
                    diagnostics.add(new Diagnostic(
                            Severity.WARNING,
                            s.feature(),
                            s.line(),
                            "scenario '" + s.name() + "': tag " + t + " ignored: " + e.getMessage()));
                }
            }
            out.add(new Prepared(s, targets, Set.copyOf(s.tags())));
        }
        return out;
    }

    private static CommitImpact commit(
            SeriesCommit c,
            List<Prepared> scenarios,
            TouchRules rules,
            Map<String, TouchTarget> parsedTargets,
            CallGraph graph,
            int maxCalls) {
        Map<GuardedScenario, Set<MatchReason>> reasons = new LinkedHashMap<>();
        List<String> unguarded = new ArrayList<>();
        for (Touch t : touches(c)) {
            Set<GuardedScenario> selected = new HashSet<>();
            for (Prepared p : scenarios) {
                for (TouchTarget target : p.targets()) {
                    MatchReason r = direct(target, t);
                    if (r != null) {
                        reasons.computeIfAbsent(p.scenario(), k -> new TreeSet<>(MatchReason.ORDER))
                                .add(r);
                        selected.add(p.scenario());
                    }
                }
            }
            if (t.forRules()) {
                for (TouchRule rule : rules.applicable(t.target())) {
                    for (String to : rule.to()) {
                        TouchTarget toTarget =
                                to.startsWith("@") ? null : parsedTargets.computeIfAbsent(to, TouchTarget::parse);
                        for (Prepared p : scenarios) {
                            boolean hit = toTarget == null
                                    ? p.tags().contains(to)
                                    : p.targets().stream().anyMatch(x -> x.overlaps(toTarget));
                            if (hit) {
                                reasons.computeIfAbsent(p.scenario(), k -> new TreeSet<>(MatchReason.ORDER))
                                        .add(new MatchReason(Kind.RULE, t.text(), to, rule.where()));
                                selected.add(p.scenario());
                            }
                        }
                    }
                }
            }
            if (t.function() != null) {
                Map<GuardedScenario, MatchReason> more = calls(t, scenarios, selected, graph, maxCalls);
                if (selected.isEmpty() && more.isEmpty()) {
                    more = sameFile(t, scenarios);
                }
                more.forEach((g, r) -> reasons.computeIfAbsent(g, k -> new TreeSet<>(MatchReason.ORDER))
                        .add(r));
                selected.addAll(more.keySet());
            }
            if (selected.isEmpty() && (t.function() != null || t.codeOutside()) && !unguarded.contains(t.text())) {
                unguarded.add(t.text());
            }
        }
        List<ScenarioMatch> matches = new ArrayList<>();
        TreeSet<String> variants = new TreeSet<>();
        for (Map.Entry<GuardedScenario, Set<MatchReason>> e : reasons.entrySet()) {
            matches.add(new ScenarioMatch(e.getKey(), List.copyOf(e.getValue())));
            variants.addAll(e.getKey().killedVariants());
        }
        matches.sort(
                Comparator.comparingInt(ScenarioMatch::rank).thenComparing(ScenarioMatch::scenario, SCENARIO_ORDER));
        return new CommitImpact(c, matches, unguarded, List.copyOf(variants));
    }

    /**
     * The scenarios a touched function selects through the call graph, but
     * not those it selects directly ({@code selected}): for each, the shortest
     * chain between the touched function and a function the scenario names.
     */
    private static Map<GuardedScenario, MatchReason> calls(
            Touch t, List<Prepared> scenarios, Set<GuardedScenario> selected, CallGraph graph, int maxCalls) {
        Map<GuardedScenario, MatchReason> out = new LinkedHashMap<>();
        FunctionRef start = new FunctionRef(t.path(), t.function());
        if (maxCalls == 0 || !graph.contains(start)) {
            return out;
        }
        Map<FunctionRef, List<FunctionRef>> callers = graph.reach(start, CallGraph.Direction.CALLERS, maxCalls);
        Map<FunctionRef, List<FunctionRef>> callees = graph.reach(start, CallGraph.Direction.CALLEES, maxCalls);
        for (Prepared p : scenarios) {
            if (selected.contains(p.scenario())) {
                continue;
            }
            MatchReason best = null;
            for (TouchTarget target : p.targets()) {
                if (target.kind() != TouchTarget.Kind.FUNCTION) {
                    continue;
                }
                FunctionRef f = new FunctionRef(target.path(), target.function().orElseThrow());
                for (MatchReason r : new MatchReason[] {
                    reason(Kind.CALLED_BY, t, target, callers.get(f)), reason(Kind.CALLS, t, target, callees.get(f))
                }) {
                    if (r != null && (best == null || r.rank() < best.rank())) {
                        best = r;
                    }
                }
            }
            if (best != null) {
                out.put(p.scenario(), best);
            }
        }
        return out;
    }

    private static MatchReason reason(Kind kind, Touch t, TouchTarget target, List<FunctionRef> chain) {
        return chain == null
                ? null
                : new MatchReason(
                        kind,
                        t.text(),
                        target.toString(),
                        "",
                        chain.stream().map(FunctionRef::toString).toList());
    }

    /** The fallback: scenarios naming another function of the touched function's file. */
    private static Map<GuardedScenario, MatchReason> sameFile(Touch t, List<Prepared> scenarios) {
        Map<GuardedScenario, MatchReason> out = new LinkedHashMap<>();
        for (Prepared p : scenarios) {
            for (TouchTarget target : p.targets()) {
                if (target.kind() == TouchTarget.Kind.FUNCTION && target.path().equals(t.path())) {
                    out.put(p.scenario(), new MatchReason(Kind.SAME_FILE, t.text(), target.toString(), ""));
                    break;
                }
            }
        }
        return out;
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
            case DIRECTORY ->
                t.path().startsWith(target.path())
                        ? new MatchReason(Kind.UNDER, t.path(), target.toString(), "")
                        : null;
            case FILE ->
                t.path().equals(target.path()) ? new MatchReason(Kind.FILE, t.path(), target.toString(), "") : null;
            case FUNCTION -> {
                if (!t.path().equals(target.path())) {
                    yield null;
                }
                if (t.function() != null) {
                    yield t.function().equals(target.function().orElseThrow())
                            ? new MatchReason(Kind.FUNCTION, t.text(), target.toString(), "")
                            : null;
                }
                yield t.codeOutside() ? new MatchReason(Kind.OUTSIDE_FUNCTIONS, t.path(), target.toString(), "") : null;
            }
        };
    }
}

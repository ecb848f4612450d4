package dev.daxspec.report;

import dev.daxspec.emit.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many scenarios got each verdict on one kernel, and how many the kernel's run did not
 * hold at all. Immutable.
 */
record Tally(Map<Verdict, Integer> counts, int absent) {

    Tally {
        counts = Map.copyOf(counts);
    }

    static Tally of(List<Verdict> verdicts, int absent) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        verdicts.forEach(v -> counts.merge(v, 1, Integer::sum));
        return new Tally(counts, absent);
    }

    int count(Verdict v) {
        return counts.getOrDefault(v, 0);
    }

    /** The worst verdict counted, the order of {@link Results#worst}; empty when none was. */
    java.util.Optional<Verdict> worst() {
        return Results.worst(List.copyOf(counts.keySet()));
    }

    /** {@code 9 pass, 1 fail, 2 known deviations, 1 not run}: the verdicts there are, then the absent. */
    String text() {
        List<String> parts = new ArrayList<>();
        add(parts, count(Verdict.PASS), "pass", "pass");
        add(parts, count(Verdict.FAIL), "fail", "fail");
        add(parts, count(Verdict.KNOWN_DEVIATION), "known deviation", "known deviations");
        add(parts, count(Verdict.NOTRUN), "not run", "not run");
        add(parts, count(Verdict.INFRA), "INFRA", "INFRA");
        add(parts, absent, "not in the run", "not in the run");
        return parts.isEmpty() ? "no scenario" : String.join(", ", parts);
    }

    private static void add(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }
}

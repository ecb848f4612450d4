package dev.daxspec.series.impact;

import java.util.List;
import java.util.Objects;

/**
 * A scenario a commit selects, and why.
 *
 * @param scenario the scenario
 * @param reasons why, in {@link MatchReason#ORDER}, distinct; at least one
 */
public record ScenarioMatch(GuardedScenario scenario, List<MatchReason> reasons) {

    /** Validates and copies. */
    public ScenarioMatch {
        Objects.requireNonNull(scenario, "scenario");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("no reason to select " + scenario.id());
        }
    }

    /** @return the best (lowest) {@link MatchReason#rank()} of the reasons */
    public int rank() {
        return reasons.stream().mapToInt(MatchReason::rank).min().orElseThrow();
    }
}

package dev.daxspec.series.impact;

import dev.daxspec.series.SeriesCommit;
import java.util.List;
import java.util.Objects;

/**
 * What one commit of a series touches and which scenarios guard it.
 *
 * @param commit the commit
 * @param matches the scenarios it selects, ordered by {@link ScenarioMatch#rank()}
 *     (nearest first), then feature, line and id
 * @param unguarded what it touches that no scenario guards: {@code path:function}
 *     for functions, {@code path} for changes outside functions; in touch order
 * @param variants the variants the selected scenarios kill, sorted
 */
public record CommitImpact(
        SeriesCommit commit, List<ScenarioMatch> matches, List<String> unguarded, List<String> variants) {

    /** Validates and copies. */
    public CommitImpact {
        Objects.requireNonNull(commit, "commit");
        matches = List.copyOf(matches);
        unguarded = List.copyOf(unguarded);
        variants = List.copyOf(variants);
    }
}

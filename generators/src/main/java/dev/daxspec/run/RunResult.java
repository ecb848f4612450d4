package dev.daxspec.run;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Vm#run run} produced.
 *
 * <p>Immutable and thread-safe.
 *
 * @param results one result per job, in the order of the jobs
 * @param figures timings
 */
public record RunResult(List<GuestResult> results, RunFigures figures) {

    /** Copies the results. */
    public RunResult {
        results = List.copyOf(results);
        Objects.requireNonNull(figures, "figures");
    }
}

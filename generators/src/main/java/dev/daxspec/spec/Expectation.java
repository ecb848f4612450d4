package dev.daxspec.spec;

import java.util.List;
import java.util.Optional;

/**
 * A claim a Then step makes, checked by reading a transcript of the scenario's program:
 * xfs_io's hex dumps, report lines, stat fields, fiemap and seek tables, the exit status
 * of each run, the {@code trace:} lines of traced runs, and the {@code kernel:} lines of
 * each mount. Never by looking at the model's state, so the same claim holds a real
 * kernel's transcript to account. Immutable.
 *
 * <p>After a crash a program has several correct transcripts (outcomes); a claim must
 * hold in each unless it says otherwise ({@link Possibly}).
 */
public sealed interface Expectation
        permits BytesRead,
                ReadReturns,
                ProcessEnds,
                StatField,
                ExtentState,
                SeekFinds,
                DaxAttribute,
                MountOutcome,
                KernelLogs,
                FaultCount,
                TraceIs,
                WriteReturns,
                OpFails,
                PrintsExactly,
                Possibly {

    /** The Then step that makes the claim. */
    StepRef step();

    /** Why the claim does not hold in this one outcome; empty when it does. */
    Optional<String> in(TranscriptView outcome);

    /**
     * Why the claim does not hold in these outcomes, every one of which the kernel may
     * produce; empty when it holds in each.
     */
    default Optional<String> violation(List<TranscriptView> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            Optional<String> v = in(outcomes.get(i));
            if (v.isPresent()) {
                return Optional.of(
                        outcomes.size() == 1
                                ? v.get()
                                : "in outcome " + (i + 1) + " of " + outcomes.size() + " the crash allows: " + v.get());
            }
        }
        return Optional.empty();
    }
}

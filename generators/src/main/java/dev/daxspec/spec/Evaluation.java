package dev.daxspec.spec;

import java.util.List;

/**
 * A scenario's expectations checked against the transcripts of one kernel (or the oracle
 * for one kernel variant).
 *
 * @param transcripts every transcript the kernel may print for the program (several after a crash)
 * @param violations the expectations that do not hold, in step order
 */
public record Evaluation(List<String> transcripts, List<Violation> violations) {

    public Evaluation {
        transcripts = List.copyOf(transcripts);
        violations = List.copyOf(violations);
    }

    /** Whether every expectation holds. */
    public boolean holds() {
        return violations.isEmpty();
    }
}

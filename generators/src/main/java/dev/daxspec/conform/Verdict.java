package dev.daxspec.conform;

import dev.daxspec.emit.KnownDeviation;

/** How a case's kernel transcript compares with the oracle's. */
public enum Verdict {
    /** Identical after the shared filter. */
    MATCH,
    /** Different, and not a recorded deviation; or the kernel reported an error running the case. */
    DIFF,
    /** Different, exactly as a recorded {@link KnownDeviation} says the kernel departs from the rule. */
    KNOWN_DEVIATION,
    /**
     * No clean answer from the harness, twice (the case timed out or lost its VM, and so did its
     * retry on a fresh boot): not a verdict on the kernel.
     */
    INFRA;

    /** As printed: {@code MATCH}, {@code DIFF}, {@code KNOWN-DEVIATION}, {@code INFRA}. */
    public String label() {
        return name().replace('_', '-');
    }

    /** MATCH and KNOWN-DEVIATION pass; DIFF fails; INFRA does neither. */
    public boolean passed() {
        return this == MATCH || this == KNOWN_DEVIATION;
    }
}

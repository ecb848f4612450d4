package dev.daxspec.conform;

/** How a case's kernel transcript compares with the oracle's. */
public enum Verdict {
    /** Identical after the shared filter. */
    MATCH,
    /** Different, and not a recorded deviation; or the kernel failed to run the case. */
    DIFF,
    /** Different, exactly as a recorded {@link KnownDeviation} says the kernel departs from the rule. */
    KNOWN_DEVIATION;

    /** As printed: {@code MATCH}, {@code DIFF}, {@code KNOWN-DEVIATION}. */
    public String label() {
        return name().replace('_', '-');
    }

    public boolean passed() {
        return this != DIFF;
    }
}

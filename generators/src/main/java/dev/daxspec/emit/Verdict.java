package dev.daxspec.emit;

/**
 * A test's or a conformance case's verdict on a kernel: what an emitted test says of itself
 * (PASS, FAIL, NOTRUN, KNOWN-DEVIATION), what {@code conform} says of a case's transcript
 * against the oracle's (PASS, FAIL, KNOWN-DEVIATION), FAIL for a kernel error, or INFRA where
 * the harness got no clean answer twice (a timeout or a lost VM, then the same on a fresh
 * boot), which is no verdict on the kernel.
 */
public enum Verdict {
    PASS,
    FAIL,
    NOTRUN,
    KNOWN_DEVIATION,
    INFRA;

    /** As printed: {@code PASS}, {@code FAIL}, {@code NOTRUN}, {@code KNOWN-DEVIATION}, {@code INFRA}. */
    public String label() {
        return name().replace('_', '-');
    }

    /** PASS and KNOWN-DEVIATION count as passed; FAIL fails; NOTRUN and INFRA do neither. */
    public boolean passed() {
        return this == PASS || this == KNOWN_DEVIATION;
    }
}

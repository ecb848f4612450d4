package dev.daxspec.emit;

/**
 * A test's verdict: the test's own (PASS, FAIL, NOTRUN, KNOWN-DEVIATION), FAIL for a kernel
 * error, or INFRA where the harness got no clean answer twice (a timeout or a lost VM, then the
 * same on a fresh boot), which is no verdict on the kernel.
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
}

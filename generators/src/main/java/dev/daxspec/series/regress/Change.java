package dev.daxspec.series.regress;

/**
 * What a series did to one test, from its verdicts on the base and the head kernel. A
 * verdict is good when it is PASS; FAIL and KNOWN-DEVIATION are bad (a known deviation is
 * the kernel departing from the specification in a recorded way, so a test moving from
 * PASS to KNOWN-DEVIATION regressed); NOTRUN, or no result, leaves nothing to compare.
 * Declared in the order reports list them: regressions first.
 */
public enum Change {
    /** Good on base, bad on head: the series broke it. */
    REGRESSED,
    /** Bad on base, good on head. */
    FIXED,
    /** Bad on both: not the series' doing. */
    STILL_FAILING,
    /** Not run, or no result (no result at all, or INFRA: no clean answer from the harness), on base or head. */
    NOT_RUN,
    /** Good on both. */
    STILL_PASSING;

    /** @return as reports print it: {@code REGRESSED}, {@code STILL-FAILING} ... */
    public String label() {
        return name().replace('_', '-');
    }
}

package dev.daxspec.check;

import dev.daxspec.oracle.kernel.Bug;

/**
 * What one scenario says about one historical-bug variant.
 *
 * @param bug the variant
 * @param outcome killed (an expectation fails on it), survived, or not predictable there
 * @param detail the first violation that kills it, or why the oracle cannot predict it; empty when it survives
 */
public record VariantResult(Bug bug, Outcome outcome, String detail) {

    /** Whether the scenario tells the variant from the correct kernel. */
    public enum Outcome {
        KILLED,
        SURVIVED,
        /** The oracle cannot predict the scenario on this variant: it neither kills nor survives. */
        UNPREDICTABLE
    }

    public boolean killed() {
        return outcome == Outcome.KILLED;
    }
}

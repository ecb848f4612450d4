package dev.daxspec.spec;

/**
 * An expectation that does not hold, and why.
 *
 * @param expectation the claim
 * @param why what the transcript shows instead
 */
public record Violation(Expectation expectation, String why) {

    /** {@code file:line: Then ...: why}. */
    @Override
    public String toString() {
        return expectation.step() + "\n  " + why.replace("\n", "\n  ");
    }
}

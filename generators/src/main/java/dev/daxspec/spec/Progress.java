package dev.daxspec.spec;

/**
 * Where a long check says how far it got: called after each scenario of a phase. Calls
 * come from the checking thread, in order.
 */
@FunctionalInterface
public interface Progress {

    /** Says nothing. */
    Progress NONE = (phase, done, total) -> {};

    /**
     * @param phase what is being done, e.g. {@code compiled on the correct oracle}
     * @param done scenarios done in this phase
     * @param total scenarios in this phase, or 0 while unknown (Cucumber is still finding them)
     */
    void at(String phase, int done, int total);
}

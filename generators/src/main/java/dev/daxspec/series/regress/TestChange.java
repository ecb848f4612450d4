package dev.daxspec.series.regress;

import dev.daxspec.emit.Suite;
import dev.daxspec.emit.Verdict;
import dev.daxspec.suite.SuiteRunner.Outcome;
import java.util.Objects;
import java.util.Optional;

/**
 * One test of the targeted suite on the base and the head kernel.
 *
 * @param test the test, as the suite's manifest lists it
 * @param base its outcome on the base kernel; empty when the run gave none
 * @param head its outcome on the head kernel; empty when the run gave none
 * @param change what the series did to it, from the two verdicts (see {@link Change})
 */
public record TestChange(Suite.Test test, Optional<Outcome> base, Optional<Outcome> head, Change change) {

    public TestChange {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(change, "change");
    }

    /**
     * @param test the test
     * @param base its outcome on base, if any
     * @param head its outcome on head, if any
     * @return the test classified by the rules of {@link Change}
     */
    public static TestChange classify(Suite.Test test, Optional<Outcome> base, Optional<Outcome> head) {
        Optional<Verdict> b = base.map(Outcome::verdict);
        Optional<Verdict> h = head.map(Outcome::verdict);
        Change c;
        if (b.isEmpty() || h.isEmpty() || !judged(b.get()) || !judged(h.get())) {
            c = Change.NOT_RUN;
        } else if (b.get() == Verdict.PASS) {
            c = h.get() == Verdict.PASS ? Change.STILL_PASSING : Change.REGRESSED;
        } else {
            c = h.get() == Verdict.PASS ? Change.FIXED : Change.STILL_FAILING;
        }
        return new TestChange(test, base, head, c);
    }

    /** NOTRUN and INFRA say nothing of the kernel. */
    private static boolean judged(Verdict v) {
        return v != Verdict.NOTRUN && v != Verdict.INFRA;
    }

    /** @return the test's ids, space-separated, as {@code daxspec run} names it */
    public String name() {
        return String.join(" ", test.ids());
    }
}

package dev.daxspec.series.regress;

import dev.daxspec.emit.Suite;
import dev.daxspec.emit.Verdict;
import dev.daxspec.suite.SuiteRunner.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The targeted suite's outcomes on the base and the head kernel, test by test. Immutable.
 *
 * @param base the base kernel
 * @param head the head kernel
 * @param changes one per test of the suite, regressions first (in {@link Change} order,
 *     then in the suite's order)
 */
public record Comparison(KernelUnderTest base, KernelUnderTest head, List<TestChange> changes) {

    public Comparison {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        changes = List.copyOf(changes);
    }

    /**
     * Classifies every test of {@code tests} from its outcomes; a test without an outcome
     * on a kernel is {@link Change#NOT_RUN}.
     *
     * @param tests the suite's tests, in its order
     * @param baseOutcomes the outcomes on the base kernel, any order
     * @param headOutcomes the outcomes on the head kernel, any order
     * @return the comparison, regressions first
     */
    public static Comparison of(
            KernelUnderTest base,
            KernelUnderTest head,
            List<Suite.Test> tests,
            List<Outcome> baseOutcomes,
            List<Outcome> headOutcomes) {
        Map<Suite.Test, Outcome> b = byTest(baseOutcomes);
        Map<Suite.Test, Outcome> h = byTest(headOutcomes);
        List<TestChange> out = new ArrayList<>();
        for (Suite.Test t : tests) {
            out.add(TestChange.classify(t, Optional.ofNullable(b.get(t)), Optional.ofNullable(h.get(t))));
        }
        out.sort(Comparator.comparing(TestChange::change)); // stable: suite order within a change
        return new Comparison(base, head, out);
    }

    /** @return how many tests the series changed this way */
    public long count(Change c) {
        return changes.stream().filter(x -> x.change() == c).count();
    }

    /** @return whether a test regressed: the series' run fails */
    public boolean regressed() {
        return count(Change.REGRESSED) > 0;
    }

    /**
     * @return the closing line: {@code N regressed, N fixed, N still failing (N known
     *     deviations), N not run, N still passing}
     */
    public String summary() {
        long known = changes.stream()
                .filter(c -> c.change() == Change.STILL_FAILING
                        && c.head()
                                .map(o -> o.verdict() == Verdict.KNOWN_DEVIATION)
                                .orElse(false))
                .count();
        return count(Change.REGRESSED) + " regressed, " + count(Change.FIXED) + " fixed, "
                + count(Change.STILL_FAILING) + " still failing"
                + (known > 0 ? " (" + known + " known deviation" + (known == 1 ? "" : "s") + " on head)" : "")
                + ", " + count(Change.NOT_RUN) + " not run, " + count(Change.STILL_PASSING) + " still passing";
    }

    /**
     * The comparison for the terminal and mail: a header naming both kernels, then each test
     * not still passing with both verdicts (a regression with the head's output, the diff of
     * expected and actual), then the still-passing tests one per line, then
     * {@link #summary()}. Ends with a newline.
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("daxspec series: ").append(base.describe()).append('\n');
        sb.append("           vs ").append(head.describe()).append('\n').append('\n');
        for (TestChange c : changes) {
            sb.append(String.format("%-14s %s%n", c.change().label(), c.name()));
            if (c.change() == Change.STILL_PASSING) {
                continue;
            }
            sb.append("    base: ").append(verdict(c.base())).append('\n');
            sb.append("    head: ").append(verdict(c.head())).append('\n');
            if (c.change() == Change.REGRESSED) {
                c.head()
                        .get()
                        .output()
                        .lines()
                        .forEach(l -> sb.append("    | ").append(l).append('\n'));
            }
        }
        sb.append('\n').append(summary()).append('\n');
        return sb.toString();
    }

    private static String verdict(Optional<Outcome> o) {
        return o.map(x -> x.verdict().label()
                        + (x.detail().isEmpty()
                                ? ""
                                : ": " + x.detail().lines().findFirst().orElse("")))
                .orElse("no result");
    }

    private static Map<Suite.Test, Outcome> byTest(List<Outcome> outcomes) {
        Map<Suite.Test, Outcome> m = new HashMap<>();
        for (Outcome o : outcomes) {
            m.put(o.test(), o);
        }
        return m;
    }
}

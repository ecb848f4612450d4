package dev.daxspec.series.regress;

import dev.daxspec.junit.JUnitXml;
import dev.daxspec.suite.SuiteRunner.Outcome;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link Comparison} as JUnit XML, failing exactly where the series' run fails: a
 * regression is a failure (its message both verdicts, its text the head's output); fixed
 * and still-passing tests pass; a test still failing, or not run, is skipped with why, since
 * the series did not cause it. Test classes are {@code series.} and the test's directory.
 */
public final class ComparisonJUnit {

    private ComparisonJUnit() {}

    /** Writes {@code c} to {@code file}, replacing it. */
    public static void write(Comparison c, Path file) throws IOException {
        JUnitXml x = new JUnitXml("daxspec.series");
        for (TestChange t : c.changes()) {
            String cls = "series." + t.test().path().replaceFirst("/[^/]*$", "").replace('/', '.');
            double secs = t.head().map(Outcome::seconds).orElse(0.0);
            String out = t.head().map(Outcome::output).orElse("");
            String both = "base " + verdict(t, true) + ", head " + verdict(t, false);
            switch (t.change()) {
                case REGRESSED -> x.fail(cls, t.name(), secs, "regressed", "regressed: " + both, out, out);
                case FIXED -> x.pass(cls, t.name(), secs, "FIXED: " + both + "\n" + out);
                case STILL_PASSING -> x.pass(cls, t.name(), secs, out);
                case STILL_FAILING -> x.skip(cls, t.name(), "still failing, not caused by the series: " + both);
                case NOT_RUN -> x.skip(cls, t.name(), "not run: " + both);
            }
        }
        x.write(file);
    }

    private static String verdict(TestChange t, boolean base) {
        return (base ? t.base() : t.head())
                .map(o -> o.verdict().label()
                        + (o.detail().isEmpty()
                                ? ""
                                : " (" + o.detail().lines().findFirst().orElse("") + ")"))
                .orElse("no result");
    }
}

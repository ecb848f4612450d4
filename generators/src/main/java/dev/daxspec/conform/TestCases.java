package dev.daxspec.conform;

import dev.daxspec.emit.KnownDeviation;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.emit.TestCase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conformance cases as the emitters' {@link TestCase}s: a way to emit suites before the
 * features produce test cases of their own. The expected transcript is the oracle's; the
 * seed and rule named in a case's {@code about:} line become {@code @seed:NNN} and
 * {@code @rule:BN} tags; a recorded known deviation goes with its case.
 */
public final class TestCases {

    /** A thread named as a feature names it, {@code @seed:004}, or in words, {@code (seeds 000, 002)}. */
    private static final Pattern SEEDS = Pattern.compile("@seed:(\\d{3})|seeds? ((?:\\d{3}(?:, | and )?)+)");

    private static final Pattern SEEDS_IN_PARENS =
            Pattern.compile(" ?@seed:\\d{3}\\b| ?\\(seeds? (?:\\d{3}(?:, | and )?)+\\)");
    private static final Pattern SEED = Pattern.compile("\\d{3}");
    private static final Pattern RULE = Pattern.compile("\\bB\\d+\\b");

    private TestCases() {}

    /**
     * The test case of each conformance case.
     *
     * @throws dev.daxspec.oracle.fs.Unpredictable when the oracle cannot predict a case
     */
    public static List<TestCase> of(List<ConformanceCase> cases, KnownDeviations known) {
        List<TestCase> out = new ArrayList<>();
        for (ConformanceCase c : cases) {
            TestCase tc = TestCase.predicted(
                    c.name(),
                    title(c.about()),
                    List.of("From the conformance case " + c.name() + " ("
                            + c.file().getFileName() + ":" + c.line() + ")."),
                    tags(c.about()),
                    c.program(),
                    Optional.empty());
            Optional<KnownDeviation> d = known.forCase(c.name());
            out.add(d.isEmpty() ? tc : tc.withDeviations(List.of(d.get())));
        }
        return out;
    }

    /**
     * {@code about} without the thread numbers it names ("@seed:000 @seed:002"): they become
     * tags, which a header cites as the threads themselves (see {@code Threads}).
     */
    static String title(String about) {
        return SEEDS_IN_PARENS.matcher(about).replaceAll("").strip();
    }

    /** {@code @seed:NNN} for each seed and {@code @rule:BN} for each rule {@code about} names. */
    static List<String> tags(String about) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = SEEDS.matcher(about);
        while (m.find()) {
            Matcher s = SEED.matcher(m.group(1) != null ? m.group(1) : m.group(2));
            while (s.find()) {
                tags.add("@seed:" + s.group());
            }
        }
        Matcher r = RULE.matcher(about);
        while (r.find()) {
            tags.add("@rule:" + r.group());
        }
        return List.copyOf(tags);
    }
}

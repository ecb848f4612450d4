package dev.daxspec.emit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes the suite of the tests that check given scenarios, and only those: the suite
 * {@code daxspec series --generate} writes for a patch series. Two sources:
 * {@link #fromSuite} takes the tests from a suite {@code daxspec generate} wrote before;
 * {@link #generated} makes them from the scenarios through a {@link ScenarioTests}.
 *
 * <p>A test checks a scenario when one of its ids is the scenario's id, or the scenario's
 * id followed by {@code @} and a target (see {@link #checks}).
 */
public interface TargetedSuite {

    /**
     * What was written.
     *
     * @param suite the new suite's manifest
     * @param missing the scenario ids asked for that no test checks (nor a left-out
     *     entry names), sorted
     */
    record Written(Suite suite, List<String> missing) {
        public Written {
            Objects.requireNonNull(suite, "suite");
            missing = List.copyOf(missing);
        }
    }

    /**
     * Writes the tests of {@code scenarioIds} as the suite {@code out}, atomically, replacing
     * a suite written there before.
     *
     * @param scenarioIds the scenarios to test; not empty
     * @param out the new suite's directory
     * @return the new suite and the scenarios with no test
     * @throws IOException when the source cannot be read or {@code out} cannot be written;
     *     the message names the file
     * @throws IllegalArgumentException when no test at all checks the scenarios
     */
    Written write(Collection<String> scenarioIds, Path out) throws IOException;

    /** @return the format of the suites this writes */
    Format format();

    /**
     * @param suiteDir a suite written by {@code daxspec generate}
     * @return a writer copying the targeted tests, the suite's common files and a manifest
     *     listing only those tests
     * @throws IOException when {@code suiteDir} is not a suite
     */
    static TargetedSuite fromSuite(Path suiteDir) throws IOException {
        return new SuiteSubset(suiteDir, Suite.read(suiteDir));
    }

    /**
     * @param tests makes the test cases of scenarios
     * @param format the format to write
     * @param options the format's options
     * @return a writer rendering the scenarios' test cases with {@link SuiteWriter}
     */
    static TargetedSuite generated(ScenarioTests tests, Format format, SuiteOptions options) {
        Objects.requireNonNull(tests, "tests");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        return new TargetedSuite() {
            @Override
            public Written write(Collection<String> scenarioIds, Path out) throws IOException {
                List<TestCase> cases = tests.testsOf(scenarioIds);
                if (cases.isEmpty()) {
                    throw new IllegalArgumentException(
                            "no test checks any of the " + scenarioIds.size() + " scenarios");
                }
                Suite suite = SuiteWriter.write(cases, format, out, options);
                List<String> ids =
                        new ArrayList<>(cases.stream().map(TestCase::id).toList());
                return new Written(suite, missing(scenarioIds, ids));
            }

            @Override
            public Format format() {
                return format;
            }
        };
    }

    /**
     * @param testId a test id
     * @param scenarioId a scenario id
     * @return whether the test checks the scenario: the ids are equal, or the test's is the
     *     scenario's followed by {@code @} and a target
     */
    static boolean checks(String testId, String scenarioId) {
        return testId.equals(scenarioId) || testId.startsWith(scenarioId + "@");
    }

    /** The scenario ids of {@code scenarioIds} that none of {@code testIds} checks, sorted. */
    static List<String> missing(Collection<String> scenarioIds, Collection<String> testIds) {
        TreeSet<String> out = new TreeSet<>();
        for (String s : scenarioIds) {
            if (testIds.stream().noneMatch(t -> checks(t, s))) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}

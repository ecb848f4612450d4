package dev.daxspec.emit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes test cases as a suite: the entry point of the emitters. The output is
 * deterministic (test cases are taken in id order; no timestamps; fixed file modes) and
 * written atomically: on any error nothing of it is left, and a suite it replaces is kept.
 */
public final class SuiteWriter {

    private SuiteWriter() {}

    /**
     * Writes {@code cases} in {@code format} as the directory {@code out}, replacing a suite
     * written there before.
     *
     * @return what was written, as the suite's manifest lists it
     * @throws IOException when the tree cannot be written, or {@code out} exists and is not a
     *     suite
     * @throws IllegalArgumentException for duplicate ids, bad options, or a program the
     *     format cannot render (the message names the test)
     */
    public static Suite write(List<TestCase> cases, Format format, Path out, SuiteOptions options) throws IOException {
        List<TestCase> sorted =
                cases.stream().sorted(Comparator.comparing(TestCase::id)).toList();
        Set<String> ids = new HashSet<>();
        for (TestCase tc : sorted) {
            if (!ids.add(tc.id())) {
                throw new IllegalArgumentException("test id " + tc.id() + " is given twice");
            }
        }
        Rendered r = switch (format) {
            case SHELL -> ShellSuite.render(sorted);
            case XFSTESTS -> XfstestsSuite.render(sorted, options);
        };
        AtomicTree.write(r.files(), out, Suite.MANIFEST);
        return r.suite();
    }
}

package dev.daxspec.emit;

import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Features;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Compiled scenarios as the emitters' {@link TestCase}s, one per scenario (per Examples row
 * of an outline): the id is the scenario's ({@code mmap-eof_sigbus-23}, as
 * {@code daxspec series} names it too), the title its name, the about the feature's rule
 * paragraph, the tags its own, its feature's and its Examples' ({@code @seed:},
 * {@code @touches:}, {@code @deviation:}), the expected transcripts the correct
 * oracle's, and the fixed-by commit {@link KernelFixes} gives the scenario. (Not
 * {@link dev.daxspec.oracle.kernel.Bug#commit()}: that names, where it names one, the commit
 * that brought a bug in, 4a9e5ef1f4f1 for xip-write-ignores-page-offset.)
 */
public final class FeatureTestCases {

    private FeatureTestCases() {}

    /**
     * The test case of each scenario, in the order given.
     *
     * @throws dev.daxspec.oracle.fs.Unpredictable when the oracle cannot predict a scenario,
     *     which {@link Features#compile} has already ruled out for the scenarios it returns
     */
    public static List<TestCase> of(Collection<CompiledScenario> scenarios, KnownDeviations known) {
        return scenarios.stream()
                .map(s -> {
                    TestCase tc = TestCase.predicted(
                            s.id(), s.name(), s.about(), s.tags(), s.program(), KernelFixes.forScenario(s.id()));
                    // A scenario tagged @deviation states the rule; the kernel's own transcript, recorded
                    // with 'daxspec conform --features --record', lets its test say KNOWN-DEVIATION there.
                    return known.forCase(s.id())
                            .map(d -> tc.withDeviations(List.of(d)))
                            .orElse(tc);
                })
                .toList();
    }

    /** The known deviations of the features in {@code dir}: its known-deviations.json, or none. */
    public static KnownDeviations knownIn(Path dir) throws IOException {
        Path f = dir.resolve("known-deviations.json");
        return Files.exists(f) ? KnownDeviations.load(f) : KnownDeviations.none();
    }
}

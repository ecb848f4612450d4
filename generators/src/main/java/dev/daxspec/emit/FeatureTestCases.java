package dev.daxspec.emit;

import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Evaluation;
import dev.daxspec.spec.Features;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Compiled scenarios as the emitters' {@link TestCase}s, one per scenario (per Examples row
 * of an outline): the id is the scenario's ({@code mmap-eof_sigbus-23}, as
 * {@code daxspec series} names it too), the title its name, the about the feature's rule
 * paragraph, the tags its own, its feature's and its Examples' ({@code @seed:},
 * {@code @touches:}, {@code @deviation:}), the expected transcripts the correct
 * oracle's, as the features compiler ran it (the oracle does not run again here), and the
 * fixed-by commit {@link KernelFixes} gives the scenario. (Not {@link
 * dev.daxspec.oracle.kernel.Bug#commit()}: that names, where it names one, the commit that
 * brought a bug in, 4a9e5ef1f4f1 for xip-write-ignores-page-offset.)
 */
public final class FeatureTestCases {

    private FeatureTestCases() {}

    /**
     * The test case of each scenario, in the order given.
     *
     * @param compiled each scenario with its evaluation on the correct oracle, as {@link
     *     Features#compile} gives them; its transcripts are the test's expected ones
     */
    public static List<TestCase> of(Map<CompiledScenario, Evaluation> compiled, KnownDeviations known) {
        return compiled.entrySet().stream()
                .map(e -> {
                    CompiledScenario s = e.getKey();
                    TestCase tc = new TestCase(
                            s.id(),
                            s.name(),
                            s.about(),
                            s.tags(),
                            s.program(),
                            e.getValue().transcripts(),
                            KernelFixes.forScenario(s.id()),
                            List.of());
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

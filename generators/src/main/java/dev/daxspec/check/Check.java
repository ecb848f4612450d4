package dev.daxspec.check;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.spec.AuthoringError;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Evaluation;
import dev.daxspec.spec.Features;
import dev.daxspec.spec.InvalidFeatures;
import dev.daxspec.spec.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code daxspec check}: compiles features into scenarios through Cucumber (once), checks
 * each on the correct oracle, then on every historical-bug variant without Cucumber, and
 * gives the kill matrix. Nothing is checked half-way: all problems with the features are
 * found before any verdict is given.
 */
public final class Check {

    private Check() {}

    /**
     * Checks the features under {@code paths} (files or directories).
     *
     * @param tags a Cucumber tag expression selecting scenarios, e.g. {@code @seed:002 and not @deviation:ext4-b6}
     * @param plugins Cucumber plugins for review reports, e.g. {@code html:target/features.html}
     * @param progress told after each scenario of each phase
     * @throws InvalidFeatures listing every problem found in the features, as {@code file:line: message}
     * @throws IllegalArgumentException for a bad tag expression or plugin
     */
    public static CheckResult run(List<Path> paths, Optional<String> tags, List<String> plugins, Progress progress)
            throws InvalidFeatures {
        long start = System.nanoTime();
        Map<CompiledScenario, Evaluation> compiled = Features.compile(paths, tags, plugins, progress);
        List<ScenarioResult> verdicts = new ArrayList<>();
        for (Map.Entry<CompiledScenario, Evaluation> e : compiled.entrySet()) {
            verdicts.add(new ScenarioResult(e.getKey(), e.getValue(), variants(e.getKey())));
            progress.at("run on the " + Bug.values().length + " variants", verdicts.size(), compiled.size());
        }
        return new CheckResult(verdicts, (System.nanoTime() - start) / 1e9);
    }

    /** The scenario on every variant: killed when a claim fails there. */
    static List<VariantResult> variants(CompiledScenario s) {
        List<VariantResult> out = new ArrayList<>();
        for (Bug bug : Bug.values()) {
            try {
                Evaluation e = s.evaluate(Kernel.with(bug));
                out.add(
                        e.holds()
                                ? new VariantResult(bug, VariantResult.Outcome.SURVIVED, "")
                                : new VariantResult(
                                        bug,
                                        VariantResult.Outcome.KILLED,
                                        e.violations().get(0).toString()));
            } catch (AuthoringError a) {
                out.add(new VariantResult(bug, VariantResult.Outcome.UNPREDICTABLE, a.getMessage()));
            }
        }
        return out;
    }
}

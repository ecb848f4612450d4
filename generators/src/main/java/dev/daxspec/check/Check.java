package dev.daxspec.check;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.spec.AuthoringError;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Evaluation;
import dev.daxspec.spec.ExpectationFailed;
import dev.daxspec.spec.FeatureIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code daxspec check}: compiles features into scenarios through Cucumber (once), checks
 * each on the correct oracle, then on every historical-bug variant without Cucumber, and
 * gives the kill matrix. Nothing is checked half-way: all problems with the features are
 * found before any verdict is given.
 */
public final class Check {

    private Check() {
    }

    /**
     * Checks the features under {@code paths} (files or directories).
     *
     * @param tags a Cucumber tag expression selecting scenarios, e.g. {@code @seed:002 and not @deviation:ext4-b6}
     * @param plugins Cucumber plugins for review reports, e.g. {@code html:target/features.html}
     * @throws CheckFailed listing every problem found in the features, as {@code file:line: message}
     */
    public static CheckResult run(List<Path> paths, Optional<String> tags, List<String> plugins) throws CheckFailed {
        List<Path> files = featureFiles(paths);
        FeatureIndex index = new FeatureIndex();
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            index.syntaxErrors(f).forEach(e -> errors.add(e.toString()));
        }
        if (!errors.isEmpty()) {
            throw new CheckFailed(errors);
        }
        long start = System.nanoTime();
        Map<CompiledScenario, Evaluation> compiled = new LinkedHashMap<>();
        errors.addAll(CucumberRun.run(files, tags, plugins, s -> {
            // AuthoringError propagates: Cucumber fails the scenario and StepErrors reports it.
            Evaluation e = s.evaluate(Kernel.CORRECT);
            compiled.put(s, e);
            if (!e.holds()) {
                // So Cucumber's own reports show the failure too.
                throw new ExpectationFailed(s, e);
            }
        }, index));
        if (!errors.isEmpty()) {
            throw new CheckFailed(errors);
        }
        if (compiled.isEmpty()) {
            throw new CheckFailed(List.of(tags.map(t -> "no scenario matches --tags " + t)
                    .orElse("no scenario in " + paths)));
        }
        List<ScenarioVerdict> verdicts = new ArrayList<>();
        compiled.forEach((s, e) -> verdicts.add(new ScenarioVerdict(s, e, variants(s))));
        return new CheckResult(verdicts, (System.nanoTime() - start) / 1e9);
    }

    /** The scenario on every variant: killed when a claim fails there. */
    static List<VariantVerdict> variants(CompiledScenario s) {
        List<VariantVerdict> out = new ArrayList<>();
        for (Bug bug : Bug.values()) {
            try {
                Evaluation e = s.evaluate(Kernel.with(bug));
                out.add(e.holds() ? new VariantVerdict(bug, VariantVerdict.Outcome.SURVIVED, "")
                        : new VariantVerdict(bug, VariantVerdict.Outcome.KILLED, e.violations().get(0).toString()));
            } catch (AuthoringError a) {
                out.add(new VariantVerdict(bug, VariantVerdict.Outcome.UNPREDICTABLE, a.getMessage()));
            }
        }
        return out;
    }

    /** The .feature files under each path, sorted; a path that is neither is an error. */
    static List<Path> featureFiles(List<Path> paths) throws CheckFailed {
        List<Path> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".feature") && Files.isRegularFile(f)).sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(p) && p.toString().endsWith(".feature")) {
                out.add(p);
            } else {
                errors.add(p + ": " + (Files.exists(p) ? "not a .feature file or a directory" : "no such file or directory"));
            }
        }
        if (!errors.isEmpty()) {
            throw new CheckFailed(errors);
        }
        if (out.isEmpty()) {
            throw new CheckFailed(List.of("no .feature file in " + paths));
        }
        return out;
    }
}

package dev.daxspec.spec;

import dev.daxspec.oracle.kernel.Kernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Feature files compiled into scenarios through Cucumber and the step vocabulary, each
 * evaluated on the correct oracle: what {@code daxspec check} and {@code daxspec generate}
 * start from. All problems with the features are found before anything is returned.
 */
public final class Features {

    private Features() {}

    /**
     * Compiles the features under {@code paths} (files or directories) and evaluates each
     * scenario on the correct oracle.
     *
     * @param tags a Cucumber tag expression selecting scenarios, e.g. {@code @seed:002 and not @deviation:ext4-b6}
     * @param plugins Cucumber plugins for review reports, e.g. {@code html:target/features.html}
     * @return each scenario (an outline's Examples rows one by one) with its evaluation on
     *     the correct oracle, in the order Cucumber ran them: files sorted by path,
     *     scenarios in file order
     * @throws InvalidFeatures listing every problem in the features as {@code file:line: message},
     *     or saying that no scenario was selected
     * @throws IllegalArgumentException for a bad tag expression or plugin
     */
    public static Map<CompiledScenario, Evaluation> compile(
            List<Path> paths, Optional<String> tags, List<String> plugins, Progress progress) throws InvalidFeatures {
        return compile(paths, tags, plugins, progress, new FeatureIndex());
    }

    /**
     * As {@link #compile(List, Optional, List, Progress)}, with the files' Gherkin read
     * through {@code index}: a file the caller's index has read already is not parsed again.
     */
    public static Map<CompiledScenario, Evaluation> compile(
            List<Path> paths, Optional<String> tags, List<String> plugins, Progress progress, FeatureIndex index)
            throws InvalidFeatures {
        List<Path> files = featureFiles(paths);
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            index.syntaxErrors(f).forEach(e -> errors.add(e.toString()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFeatures(errors);
        }
        Map<CompiledScenario, Evaluation> compiled = new LinkedHashMap<>();
        errors.addAll(CucumberRun.run(
                files,
                tags,
                plugins,
                s -> {
                    // AuthoringError propagates: Cucumber fails the scenario and StepErrors reports it.
                    Evaluation e = s.evaluate(Kernel.CORRECT);
                    compiled.put(s, e);
                    progress.at("compiled and run on the correct oracle", compiled.size(), 0);
                    if (!e.holds()) {
                        // So Cucumber's own reports show the failure too.
                        throw new ExpectationFailed(s, e);
                    }
                },
                index));
        if (!errors.isEmpty()) {
            throw new InvalidFeatures(errors);
        }
        if (compiled.isEmpty()) {
            throw new InvalidFeatures(List.of(tags.map(t -> "no scenario matches --tags " + t)
                    .orElse("no scenario in " + named(paths)
                            + " (scenarios start with 'Scenario:' or 'Scenario Outline:')")));
        }
        return Collections.unmodifiableMap(compiled);
    }

    /**
     * The .feature files under each path, sorted.
     *
     * @throws InvalidFeatures when a path is neither a .feature file nor a directory, or there is none
     */
    public static List<Path> featureFiles(List<Path> paths) throws InvalidFeatures {
        List<Path> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".feature") && Files.isRegularFile(f))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(p) && p.toString().endsWith(".feature")) {
                out.add(p);
            } else {
                errors.add(p + ": "
                        + (Files.exists(p) ? "not a .feature file or a directory" : "no such file or directory"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFeatures(errors);
        }
        if (out.isEmpty()) {
            throw new InvalidFeatures(List.of("no .feature file in " + named(paths)));
        }
        return out;
    }

    /** The paths as the user gave them, {@code features/io, steps/a.feature}. */
    private static String named(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }
}

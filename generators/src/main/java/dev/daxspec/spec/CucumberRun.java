package dev.daxspec.spec;

import io.cucumber.core.options.CommandlineOptionsParser;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.runtime.Runtime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one adapter over Cucumber's runtime ({@code io.cucumber.core.*}, which Cucumber
 * does not promise to keep stable): runs feature files with the step vocabulary of
 * {@code dev.daxspec.spec}, handing each scenario to a {@link ScenarioSink} through
 * {@link SpecObjectFactory}, with Cucumber's own formatters (html, message, pretty...)
 * when asked for. Everything else in daxspec talks to Cucumber through the stable
 * plugin, backend and {@code io.cucumber.java} APIs.
 */
final class CucumberRun {

    /** The package Cucumber loads step definitions, parameter types and hooks from. */
    static final String GLUE = "dev.daxspec.spec";

    private CucumberRun() {}

    /**
     * Runs {@code features} (files or directories) selected by {@code tags}.
     *
     * @param plugins Cucumber {@code --plugin} values, e.g. {@code html:report.html}
     * @return the problems found in the features, as {@code file:line: message}; empty when
     *     every scenario compiled and the oracle predicted it
     * @throws IllegalArgumentException for a bad tag expression or plugin
     */
    static List<String> run(
            List<Path> features, Optional<String> tags, List<String> plugins, ScenarioSink sink, FeatureIndex index) {
        List<String> args = new ArrayList<>(List.of("--glue", GLUE, "--monochrome"));
        tags.ifPresent(t -> args.addAll(List.of("--tags", t)));
        plugins.forEach(p -> args.addAll(List.of("--plugin", p)));
        features.forEach(f -> args.add(f.toString()));
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        CommandlineOptionsParser parser = new CommandlineOptionsParser(usage);
        RuntimeOptions options;
        try {
            options = parser.parse(args.toArray(String[]::new)).build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (parser.exitStatus().isPresent()) {
            throw new IllegalArgumentException(
                    usage.toString(StandardCharsets.UTF_8).strip());
        }
        StepErrors errors = new StepErrors();
        SpecObjectFactory factory = new SpecObjectFactory(sink, index);
        Runtime runtime;
        try {
            runtime = Runtime.builder()
                    .withRuntimeOptions(options)
                    .withClassLoader(CucumberRun.class::getClassLoader)
                    .withObjectFactorySupplier(() -> factory)
                    .withAdditionalPlugins(errors)
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        runtime.run();
        return errors.errors();
    }
}

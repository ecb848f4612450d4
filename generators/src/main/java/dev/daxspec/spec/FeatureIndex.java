package dev.daxspec.spec;

import dev.daxspec.files.Utf8;
import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Background;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleStep;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.Step;
import io.cucumber.messages.types.TableRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feature files read with Cucumber's own Gherkin parser: their syntax errors with
 * {@code file:line}, each feature's opening paragraph, and for each scenario (each
 * Examples row of an outline) its steps with their lines, which the step definitions tie
 * their operations and expectations to. Thread-safe; each file is read once.
 */
public final class FeatureIndex {

    /** A syntax error: {@code file:line: message}. */
    public record SyntaxError(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    private record Parsed(List<SyntaxError> errors, Map<Integer, ScenarioInfo> scenarios) {}

    private final Map<Path, Parsed> cache = new ConcurrentHashMap<>();

    /** The syntax errors of a feature file, in line order; empty when it parses. */
    public List<SyntaxError> syntaxErrors(Path feature) {
        return parsed(feature).errors();
    }

    /**
     * The ids of the scenarios of a feature file ({@link CompiledScenario#id()}, an outline's
     * Examples rows one by one), in line order, without compiling them; none when it does not
     * parse.
     */
    public List<String> scenarioIds(Path feature) {
        return parsed(feature).scenarios().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().id())
                .toList();
    }

    /**
     * The scenario of {@code uri} whose Gherkin location (its line, or its Examples row's)
     * is {@code line}.
     *
     * @throws IllegalStateException when there is none, which means the file changed while running
     */
    ScenarioInfo scenario(URI uri, int line) {
        ScenarioInfo s = parsed(Path.of(uri)).scenarios().get(line);
        if (s == null) {
            throw new IllegalStateException("no scenario at " + uri + ":" + line + " (did the file change?)");
        }
        return s;
    }

    private Parsed parsed(Path file) {
        return cache.computeIfAbsent(file.toAbsolutePath().normalize(), FeatureIndex::parse);
    }

    /** How messages name a file: relative to the working directory when it is under it. */
    public static String displayName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** The path under the nearest enclosing directory called {@code features}, else the file's name. */
    static String underFeatures(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("features")) {
                return p.relativize(abs).toString().replace('\\', '/');
            }
        }
        return abs.getFileName().toString();
    }

    private static Parsed parse(Path file) {
        String display = displayName(file);
        Optional<Utf8.BadByte> bad;
        try {
            bad = Utf8.firstBadByte(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display + ": " + e.getMessage(), e);
        }
        if (bad.isPresent()) {
            // Gherkin would read the byte as U+FFFD and say nothing
            return new Parsed(
                    List.of(new SyntaxError(
                            display, bad.get().line(), bad.get().message() + "; feature files are UTF-8")),
                    Map.of());
        }
        List<Envelope> envelopes;
        try {
            envelopes = GherkinParser.builder()
                    .includeSource(false)
                    .includeGherkinDocument(true)
                    .includePickles(true)
                    .build()
                    .parse(file)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + displayName(file) + ": " + e.getMessage(), e);
        }
        List<SyntaxError> errors = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        Map<String, String> keywords = new HashMap<>();
        List<String> about = List.of();
        String title = "";
        for (Envelope e : envelopes) {
            e.getParseError()
                    .ifPresent(p -> errors.add(new SyntaxError(
                            display,
                            p.getSource()
                                    .getLocation()
                                    .map(l -> l.getLine().intValue())
                                    .orElse(1),
                            p.getMessage().replaceFirst("^\\(\\d+:\\d+\\): ", ""))));
            Optional<Feature> f = e.getGherkinDocument().flatMap(d -> d.getFeature());
            if (f.isPresent()) {
                about = paragraph(f.get().getDescription());
                title = f.get().getName().strip();
                for (FeatureChild c : f.get().getChildren()) {
                    c.getBackground().ifPresent(b -> index(b, lines, keywords));
                    c.getScenario().ifPresent(s -> index(s, lines, keywords));
                    c.getRule().ifPresent(r -> {
                        for (RuleChild rc : r.getChildren()) {
                            rc.getBackground().ifPresent(b -> index(b, lines, keywords));
                            rc.getScenario().ifPresent(s -> index(s, lines, keywords));
                        }
                    });
                }
            }
        }
        if (errors.isEmpty()
                && envelopes.stream()
                        .noneMatch(e -> e.getGherkinDocument()
                                .flatMap(d -> d.getFeature())
                                .isPresent())) {
            // Cucumber's own words would be "Feature not found: file:///..."
            errors.add(new SyntaxError(
                    display,
                    1,
                    "no Feature: the file is empty or only comments (a feature file opens with 'Feature:')"));
        }
        Map<Integer, ScenarioInfo> scenarios = new HashMap<>();
        String feature = underFeatures(file);
        for (Envelope e : envelopes) {
            if (e.getPickle().isEmpty()) {
                continue;
            }
            Pickle p = e.getPickle().get();
            List<String> ids = p.getAstNodeIds();
            int line = lines.get(ids.get(ids.size() - 1));
            List<StepRef> steps = new ArrayList<>();
            for (PickleStep s : p.getSteps()) {
                String astId = s.getAstNodeIds().get(0);
                steps.add(new StepRef(
                        display, lines.get(astId), keywords.get(astId).strip() + " " + s.getText()));
            }
            List<String> tags = p.getTags().stream()
                    .map(t -> t.getName())
                    .distinct()
                    .sorted()
                    .toList();
            scenarios.put(
                    line,
                    new ScenarioInfo(display, feature, file.toUri(), line, p.getName(), tags, title, about, steps));
        }
        errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Parsed(List.copyOf(errors), Map.copyOf(scenarios));
    }

    private static void index(Background b, Map<String, Integer> lines, Map<String, String> keywords) {
        b.getSteps().forEach(s -> step(s, lines, keywords));
    }

    private static void index(Scenario s, Map<String, Integer> lines, Map<String, String> keywords) {
        lines.put(s.getId(), s.getLocation().getLine().intValue());
        s.getSteps().forEach(st -> step(st, lines, keywords));
        for (Examples ex : s.getExamples()) {
            for (TableRow r : ex.getTableBody()) {
                lines.put(r.getId(), r.getLocation().getLine().intValue());
            }
        }
    }

    private static void step(Step s, Map<String, Integer> lines, Map<String, String> keywords) {
        lines.put(s.getId(), s.getLocation().getLine().intValue());
        keywords.put(s.getId(), s.getKeyword());
    }

    /** The description's lines, stripped, without leading and trailing blank lines. */
    private static List<String> paragraph(String description) {
        List<String> out = new ArrayList<>(
                Arrays.stream(description.split("\n")).map(String::strip).toList());
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return List.copyOf(out);
    }
}

package dev.daxspec.series.impact;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleTag;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.TableRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the scenarios of {@code features/**}{@code /*.feature} with Cucumber's Gherkin
 * parser, as {@link GuardedScenario}s: one per pickle (each Examples row of an outline is
 * one), with the tags of its feature, rule, scenario and Examples in that order.
 *
 * <p>The id is the one {@code daxspec generate} gives the scenario's tests: the feature's
 * path under the features directory without {@code .feature}, {@code /} replaced by
 * {@code -}, then {@code -} and the scenario's line, or for an outline the Examples row's
 * line ({@code mmap/eof_sigbus.feature} line 23 is {@code mmap-eof_sigbus-23}); characters
 * a test id cannot hold become {@code _}. The scenario's {@link GuardedScenario#line()} is
 * that same line, its name the pickle's (placeholders filled in).
 *
 * <p>Deterministic: files in path order, scenarios in file order. Stateless.
 */
public final class FeatureScenarios {

    private static final Pattern NOT_IN_ID = Pattern.compile("[^A-Za-z0-9._+=@-]");
    private static final Pattern LOCATION_PREFIX = Pattern.compile("^\\(\\d+:\\d+\\): ");

    private FeatureScenarios() {
    }

    /**
     * Reads every {@code .feature} file under {@code dir}.
     *
     * @param dir the features directory
     * @param kills the variants each scenario kills, by scenario id; a scenario not in it
     *     kills none
     * @return the scenarios, by feature path then line
     * @throws FeatureSyntaxException when a file does not parse (every error of every file)
     * @throws NoSuchFileException when {@code dir} is not a directory
     * @throws IOException when a file cannot be read; the message names it
     */
    public static List<GuardedScenario> read(Path dir, Map<String, ? extends Set<String>> kills)
            throws IOException, FeatureSyntaxException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a features directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".feature") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        List<GuardedScenario> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        GherkinParser parser = GherkinParser.builder().includeSource(false).includeGherkinDocument(true)
                .includePickles(true).build();
        for (Path file : files) {
            String feature = dir.relativize(file).toString().replace('\\', '/');
            List<Envelope> envelopes;
            try (Stream<Envelope> s = parser.parse(file)) {
                envelopes = s.toList();
            }
            read(file, feature, envelopes, kills, out, errors);
        }
        if (!errors.isEmpty()) {
            throw new FeatureSyntaxException(errors);
        }
        return List.copyOf(out);
    }

    /**
     * The id of the scenario at {@code line} of {@code feature}.
     *
     * @param feature the path under the features directory, with {@code /}
     * @param line the scenario's line, or its Examples row's
     * @return e.g. {@code mmap-eof_sigbus-23}
     */
    public static String id(String feature, int line) {
        String base = feature.endsWith(".feature") ? feature.substring(0, feature.length() - 8) : feature;
        return NOT_IN_ID.matcher(base.replace('/', '-') + "-" + line).replaceAll("_");
    }

    private static void read(Path file, String feature, List<Envelope> envelopes,
            Map<String, ? extends Set<String>> kills, List<GuardedScenario> out, List<String> errors) {
        Map<String, Integer> lines = new HashMap<>();
        List<String> fileErrors = new ArrayList<>();
        for (Envelope e : envelopes) {
            e.getParseError().ifPresent(p -> fileErrors.add(file + ":"
                    + p.getSource().getLocation().map(l -> l.getLine().intValue()).orElse(1) + ": "
                    + LOCATION_PREFIX.matcher(p.getMessage()).replaceFirst("")));
            e.getGherkinDocument().flatMap(d -> d.getFeature()).ifPresent(f -> index(f, lines));
        }
        if (!fileErrors.isEmpty()) {
            errors.addAll(fileErrors);
            return;
        }
        for (Envelope e : envelopes) {
            if (e.getPickle().isEmpty()) {
                continue;
            }
            Pickle p = e.getPickle().get();
            List<String> ast = p.getAstNodeIds();
            int line = lines.get(ast.get(ast.size() - 1));
            Set<String> tags = new LinkedHashSet<>();
            for (PickleTag t : p.getTags()) {
                tags.add(t.getName());
            }
            String id = id(feature, line);
            out.add(new GuardedScenario(id, feature, p.getName(), line, List.copyOf(tags),
                    kills.containsKey(id) ? kills.get(id) : Set.of()));
        }
    }

    /** Maps the ids of scenarios and Examples rows to their lines. */
    private static void index(Feature f, Map<String, Integer> lines) {
        for (FeatureChild c : f.getChildren()) {
            c.getScenario().ifPresent(s -> index(s, lines));
            c.getRule().ifPresent(r -> {
                for (RuleChild rc : r.getChildren()) {
                    rc.getScenario().ifPresent(s -> index(s, lines));
                }
            });
        }
    }

    private static void index(Scenario s, Map<String, Integer> lines) {
        lines.put(s.getId(), s.getLocation().getLine().intValue());
        for (Examples ex : s.getExamples()) {
            for (TableRow r : ex.getTableBody()) {
                lines.put(r.getId(), r.getLocation().getLine().intValue());
            }
        }
    }
}

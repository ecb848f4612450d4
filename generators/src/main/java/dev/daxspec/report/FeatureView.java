package dev.daxspec.report;

import dev.daxspec.check.CheckResult;
import dev.daxspec.check.ScenarioResult;
import dev.daxspec.spec.CompiledScenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A feature as the report shows it: its file under {@code features/}, its page, its title
 * and opening paragraph, the rules ({@code @B2}) and threads ({@code @seed:002}) its
 * scenarios state, and its scenarios checked. Immutable.
 *
 * @param path the feature's path under the features directory, {@code mmap/eof_sigbus.feature}
 * @param page its page in the report, {@code features/mmap-eof_sigbus.html}
 * @param rules {@code B2}, in number order
 * @param seeds thread numbers, {@code 002}, in order
 * @param scenarios in the order check ran them
 */
record FeatureView(
        String path,
        String page,
        String title,
        List<String> about,
        List<String> rules,
        List<String> seeds,
        List<ScenarioResult> scenarios) {

    FeatureView {
        about = List.copyOf(about);
        rules = List.copyOf(rules);
        seeds = List.copyOf(seeds);
        scenarios = List.copyOf(scenarios);
    }

    /** The features of a check, in the order its scenarios ran (feature files by path). */
    static List<FeatureView> of(CheckResult check) {
        Map<String, List<ScenarioResult>> byFeature = new LinkedHashMap<>();
        check.scenarios()
                .forEach(v -> byFeature
                        .computeIfAbsent(v.scenario().feature(), f -> new ArrayList<>())
                        .add(v));
        List<FeatureView> out = new ArrayList<>();
        for (Map.Entry<String, List<ScenarioResult>> e : byFeature.entrySet()) {
            CompiledScenario first = e.getValue().get(0).scenario();
            TreeSet<String> rules =
                    new TreeSet<>(Comparator.comparingInt((String r) -> Integer.parseInt(r.substring(1))));
            TreeSet<String> seeds = new TreeSet<>();
            for (ScenarioResult v : e.getValue()) {
                v.scenario().tags().stream().filter(t -> t.matches("@B\\d+")).forEach(t -> rules.add(t.substring(1)));
                seeds.addAll(v.scenario().tagValues("seed"));
            }
            String base =
                    e.getKey().replaceFirst("\\.feature$", "").replace('/', '-').replaceAll("[^A-Za-z0-9._+=@-]", "_");
            out.add(new FeatureView(
                    e.getKey(),
                    "features/" + base + ".html",
                    first.title().isEmpty() ? e.getKey() : first.title(),
                    first.about(),
                    List.copyOf(rules),
                    List.copyOf(seeds),
                    e.getValue()));
        }
        return out;
    }

    /** The scenario's anchor on this feature's page, from the report's top directory. */
    String link(CompiledScenario s) {
        return page + "#" + s.id();
    }
}

package dev.daxspec.spec;

import java.net.URI;
import java.util.List;

/**
 * A scenario as its feature file shows it: where it is, its tags (the feature's, the
 * scenario's and its Examples' own), the feature's title and opening paragraph, and its
 * steps with their lines. Immutable.
 */
record ScenarioInfo(
        String file,
        String feature,
        URI uri,
        int line,
        String name,
        List<String> tags,
        String title,
        List<String> about,
        List<StepRef> steps) {

    ScenarioInfo {
        tags = List.copyOf(tags);
        about = List.copyOf(about);
        steps = List.copyOf(steps);
    }

    /** The file-name-safe id: the feature's path under features/ and the line, {@code mmap-eof_sigbus-23}. */
    String id() {
        String base = feature.endsWith(".feature") ? feature.substring(0, feature.length() - 8) : feature;
        return (base.replace('/', '-') + "-" + line).replaceAll("[^A-Za-z0-9._+=@-]", "_");
    }

    /** The scenario's own line as a step reference, for problems no single step causes. */
    StepRef asStep() {
        return new StepRef(file, line, "Scenario: " + name);
    }
}

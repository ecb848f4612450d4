package dev.daxspec.series.impact;

import dev.daxspec.spec.CompiledScenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scenario as the impact analysis sees it: where it is, its tags, and the
 * kernel variants the kill matrix says it kills. The {@code @touches:} tags
 * name the code the scenario guards; other tags are kept for rules that
 * select by tag.
 *
 * @param id a stable id, the compiled scenario's ({@code mmap-eof_sigbus-23})
 * @param feature the feature file, relative to the features directory
 * @param name the scenario's name
 * @param line the line of the scenario in the feature file
 * @param tags the scenario's tags including the {@code @} (feature tags
 *     inherited), e.g. {@code @touches:fs/dax.c:dax_iomap_pmd_fault}; in the order the
 *     impact analysis breaks ties in (the first of equally near tags is the reason)
 * @param killedVariants the variants this scenario kills
 */
public record GuardedScenario(
        String id, String feature, String name, int line, List<String> tags, Set<String> killedVariants) {

    /** The tag prefix that names guarded code. */
    public static final String TOUCHES = "@touches:";

    /** Validates and copies. */
    public GuardedScenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(name, "name");
        tags = List.copyOf(tags);
        killedVariants = Collections.unmodifiableSortedSet(new TreeSet<>(killedVariants));
    }

    /**
     * The scenario the features compiler made, as the impact analysis sees it.
     *
     * @param s a scenario of {@code dev.daxspec.check.Features}; its id, feature, name,
     *     line and tags (sorted) are taken as they are
     * @param kills the variants each scenario kills, by scenario id; a scenario not in it
     *     kills none
     */
    public static GuardedScenario of(CompiledScenario s, Map<String, ? extends Set<String>> kills) {
        return new GuardedScenario(
                s.id(),
                s.feature(),
                s.name(),
                s.line(),
                s.tags(),
                kills.containsKey(s.id()) ? kills.get(s.id()) : Set.of());
    }

    /**
     * @return the targets of the well-formed {@code @touches:} tags, in tag order
     */
    public List<TouchTarget> touches() {
        List<TouchTarget> out = new ArrayList<>();
        for (String t : tags) {
            if (t.startsWith(TOUCHES)) {
                try {
                    out.add(TouchTarget.parse(t.substring(TOUCHES.length())));
                } catch (IllegalArgumentException e) {
                    // reported by Impact
                }
            }
        }
        return out;
    }

    /** @return {@code feature:line} */
    public String location() {
        return feature + ":" + line;
    }
}

package dev.daxspec.check;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text {@code daxspec check} prints: a line per scenario on the correct oracle (with
 * the failing claims under a failure, and the known deviation of a real kernel where the
 * scenario is tagged with one), the kill matrix (variants by feature), the scenarios that
 * kill each variant, and a closing count, which names the variants left out because no
 * scenario checked states their rule. Deterministic: no timings.
 */
public final class CheckReport {

    private CheckReport() {}

    /**
     * What {@code daxspec check} prints; with {@code transcripts}, each scenario's correct
     * transcripts under its line.
     */
    public static String text(CheckResult r, boolean transcripts) {
        StringBuilder sb = new StringBuilder();
        int width = r.scenarios().stream()
                .mapToInt(s -> s.scenario().location().length())
                .max()
                .orElse(0);
        for (ScenarioResult v : r.scenarios()) {
            CompiledScenario s = v.scenario();
            sb.append(pad(s.location(), width))
                    .append("  ")
                    .append(v.passes() ? "PASS" : "FAIL")
                    .append("  ")
                    .append(s.name());
            List<String> deviations = s.tagValues("deviation");
            if (!deviations.isEmpty()) {
                sb.append("  [real kernels deviate: ")
                        .append(String.join(", ", deviations))
                        .append(']');
            }
            sb.append('\n');
            for (Violation viol : v.correct().violations()) {
                sb.append("    ")
                        .append(viol.toString().replace("\n", "\n    "))
                        .append('\n');
            }
            if (transcripts) {
                List<String> all = v.correct().transcripts();
                for (int i = 0; i < all.size(); i++) {
                    if (all.size() > 1) {
                        sb.append("    -- outcome ")
                                .append(i + 1)
                                .append(" of ")
                                .append(all.size())
                                .append('\n');
                    }
                    all.get(i).lines().forEach(l -> sb.append("    ").append(l).append('\n'));
                }
            }
        }
        sb.append('\n').append(matrix(r));
        sb.append('\n');
        for (Bug bug : Bug.values()) {
            List<ScenarioResult> killers = r.killers(bug);
            sb.append(bug.id())
                    .append(" (")
                    .append(bug.rule())
                    .append(", @seed:")
                    .append(bug.seed())
                    .append(bug.commit().isEmpty() ? "" : ", " + bug.commit().substring(0, 12))
                    .append("): ");
            if (killers.isEmpty()) {
                sb.append(
                        r.judges(bug)
                                ? "SURVIVES: no scenario kills it\n"
                                : "not judged: no scenario here states its rule " + bug.rule() + "\n");
                continue;
            }
            sb.append("killed by ").append(killers.size()).append(killers.size() == 1 ? " scenario\n" : " scenarios\n");
            for (ScenarioResult k : killers) {
                sb.append("  ")
                        .append(pad(k.scenario().location(), width))
                        .append("  ")
                        .append(k.scenario().name())
                        .append('\n');
            }
        }
        int judged = r.judged().size();
        sb.append('\n')
                .append(r.passed())
                .append(" passed, ")
                .append(r.failed())
                .append(" failed on the correct oracle; ")
                .append(judged - r.survivors().size())
                .append(" of ")
                .append(judged)
                .append(" variants killed");
        if (!r.leftOut().isEmpty()) {
            sb.append(" (")
                    .append(
                            r.rules().isEmpty()
                                    ? "no scenario states a rule"
                                    : "those of rules " + String.join(", ", r.rules()))
                    .append(')');
        }
        if (!r.survivors().isEmpty()) {
            sb.append("; surviving: ")
                    .append(String.join(
                            ", ", r.survivors().stream().map(Bug::id).toList()));
        }
        sb.append('\n');
        if (!r.leftOut().isEmpty()) {
            sb.append("Not judged, as no scenario checked states their rule: ")
                    .append(String.join(
                            ", ",
                            r.leftOut().stream()
                                    .map(b -> b.id() + " (" + b.rule() + ")")
                                    .toList()))
                    .append('\n');
        }
        return sb.toString();
    }

    /** Variants by feature: how many scenarios of each feature kill each variant. */
    static String matrix(CheckResult r) {
        Map<String, List<ScenarioResult>> byFeature = new LinkedHashMap<>();
        r.scenarios()
                .forEach(v -> byFeature
                        .computeIfAbsent(v.scenario().feature(), f -> new ArrayList<>())
                        .add(v));
        List<String> features = List.copyOf(byFeature.keySet());
        int idWidth = 0;
        for (Bug b : Bug.values()) {
            idWidth = Math.max(idWidth, b.id().length());
        }
        StringBuilder sb = new StringBuilder(
                "Kill matrix: scenarios killing each variant, by feature (F1..F" + features.size() + " below)\n");
        sb.append(pad("", idWidth));
        for (int i = 0; i < features.size(); i++) {
            sb.append(String.format(Locale.ROOT, " %4s", "F" + (i + 1)));
        }
        sb.append("  total\n");
        for (Bug b : Bug.values()) {
            sb.append(pad(b.id(), idWidth));
            int total = 0;
            for (String f : features) {
                long n = byFeature.get(f).stream()
                        .filter(v -> v.kills().contains(b))
                        .count();
                total += n;
                sb.append(String.format(Locale.ROOT, " %4s", n == 0 ? "." : Long.toString(n)));
            }
            sb.append(String.format(Locale.ROOT, "  %5d", total))
                    .append(!r.judges(b) ? "  not judged" : total == 0 ? "  SURVIVES" : "")
                    .append('\n');
        }
        for (int i = 0; i < features.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%4s", "F" + (i + 1)))
                    .append(" = ")
                    .append(features.get(i))
                    .append(" (")
                    .append(byFeature.get(features.get(i)).size())
                    .append(" scenarios)\n");
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}

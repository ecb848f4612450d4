package dev.daxspec.check;

import dev.daxspec.oracle.kernel.Bug;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code daxspec check} found: every selected scenario's verdicts, and how long the
 * oracle runs took. The variants judged are those of the rules the scenarios state (their
 * {@code @B1} .. {@code @B11} tags, see {@link Bug#rule()}): a check of some of the
 * features does not call a variant of another rule surviving; it leaves it out, and says so.
 *
 * @param scenarios in the order Cucumber ran them (feature files sorted by path, scenarios in file order)
 * @param seconds wall time of the correct and variant oracle runs
 */
public record CheckResult(List<ScenarioResult> scenarios, double seconds) {

    public CheckResult {
        scenarios = List.copyOf(scenarios);
    }

    public long passed() {
        return scenarios.stream().filter(ScenarioResult::passes).count();
    }

    public long failed() {
        return scenarios.size() - passed();
    }

    /** The scenarios that kill {@code bug}. */
    public List<ScenarioResult> killers(Bug bug) {
        return scenarios.stream().filter(s -> s.kills().contains(bug)).toList();
    }

    /** The rules the scenarios state, from their {@code @BN} tags, e.g. {@code B2}; in number order. */
    public Set<String> rules() {
        Set<String> out = new TreeSet<>(Comparator.comparingInt((String r) -> Integer.parseInt(r.substring(1))));
        scenarios.forEach(s ->
                s.scenario().tags().stream().filter(t -> t.matches("@B\\d+")).forEach(t -> out.add(t.substring(1))));
        return out;
    }

    /** The variants this check judges: those whose rule a scenario states. */
    public List<Bug> judged() {
        Set<String> rules = rules();
        return Arrays.stream(Bug.values()).filter(b -> rules.contains(b.rule())).toList();
    }

    /** The variants left out: no scenario checked states their rule. */
    public List<Bug> leftOut() {
        Set<String> rules = rules();
        return Arrays.stream(Bug.values())
                .filter(b -> !rules.contains(b.rule()))
                .toList();
    }

    /** Whether this check judges {@code bug}. */
    public boolean judges(Bug bug) {
        return rules().contains(bug.rule());
    }

    /** The variants judged that no scenario kills. */
    public List<Bug> survivors() {
        return judged().stream().filter(b -> killers(b).isEmpty()).toList();
    }

    /** The kill matrix: each scenario's id with the {@link Bug#id()} of each variant it kills, in run order. */
    public Map<String, List<String>> killMatrix() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        scenarios.forEach(
                s -> out.put(s.scenario().id(), s.kills().stream().map(Bug::id).toList()));
        return out;
    }

    /** 0 when every scenario passes on the correct oracle and every variant judged is killed; 1 otherwise. */
    public int exitStatus() {
        return failed() == 0 && survivors().isEmpty() ? 0 : 1;
    }
}

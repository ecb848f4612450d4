package dev.daxspec.check;

import dev.daxspec.oracle.kernel.Bug;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code daxspec check} found: every selected scenario's verdicts, and how long the
 * oracle runs took.
 *
 * @param scenarios in the order Cucumber ran them (feature files sorted by path, scenarios in file order)
 * @param seconds wall time of the correct and variant oracle runs
 */
public record CheckResult(List<ScenarioVerdict> scenarios, double seconds) {

    public CheckResult {
        scenarios = List.copyOf(scenarios);
    }

    public long passed() {
        return scenarios.stream().filter(ScenarioVerdict::passes).count();
    }

    public long failed() {
        return scenarios.size() - passed();
    }

    /** The scenarios that kill {@code bug}. */
    public List<ScenarioVerdict> killers(Bug bug) {
        return scenarios.stream().filter(s -> s.kills().contains(bug)).toList();
    }

    /** The variants no scenario kills. */
    public List<Bug> survivors() {
        return Arrays.stream(Bug.values()).filter(b -> killers(b).isEmpty()).toList();
    }

    /** The kill matrix: each scenario's id with the {@link Bug#id()} of each variant it kills, in run order. */
    public Map<String, List<String>> killMatrix() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        scenarios.forEach(s -> out.put(s.scenario().id(), s.kills().stream().map(Bug::id).toList()));
        return out;
    }

    /** 0 when every scenario passes on the correct oracle and every variant is killed; 1 otherwise. */
    public int exitStatus() {
        return failed() == 0 && survivors().isEmpty() ? 0 : 1;
    }
}

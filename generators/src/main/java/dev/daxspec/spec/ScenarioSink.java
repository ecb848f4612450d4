package dev.daxspec.spec;

/**
 * What happens to a scenario once its steps have built it: the strategy behind the one
 * set of step definitions. {@link ExecuteOnOracle} runs it on the correct oracle (the
 * Cucumber JUnit engine in {@code mvn verify}); {@code daxspec check} records it for the
 * kill matrix; emitters record it for tests. A sink may throw to fail the scenario in
 * Cucumber's own reports.
 */
@FunctionalInterface
public interface ScenarioSink {

    /** Takes one compiled scenario, in the order Cucumber runs them. */
    void accept(CompiledScenario scenario);
}

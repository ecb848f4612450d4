package dev.daxspec.spec;

import dev.daxspec.oracle.kernel.Kernel;

/**
 * The execute strategy: runs each scenario on the correct oracle as Cucumber finishes
 * it, and fails it with {@link ExpectationFailed} when a claim does not hold, or with an
 * {@link AuthoringError} when the oracle cannot predict it. What the Cucumber JUnit
 * engine uses ({@link SpecObjectFactory}'s default). Stateless.
 */
public final class ExecuteOnOracle implements ScenarioSink {

    @Override
    public void accept(CompiledScenario scenario) {
        Evaluation e = scenario.evaluate(Kernel.CORRECT);
        if (!e.holds()) {
            throw new ExpectationFailed(scenario, e);
        }
    }
}

package dev.daxspec.spec;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeStep;
import io.cucumber.java.Scenario;
import io.cucumber.java.Status;

/**
 * Ties Cucumber's run to the builder: names the scenario before its first step, counts
 * steps so each operation and claim knows its line, and when the last step has run hands
 * the compiled scenario to the run's {@link ScenarioSink}.
 */
public final class Hooks {

    private final ScenarioBuilder builder;
    private final ScenarioSink sink;
    private final FeatureIndex index;

    Hooks(ScenarioBuilder builder, ScenarioSink sink, FeatureIndex index) {
        this.builder = builder;
        this.sink = sink;
        this.index = index;
    }

    @Before
    public void begin(Scenario scenario) {
        builder.begin(index.scenario(scenario.getUri(), scenario.getLine()));
    }

    @BeforeStep
    public void step() {
        builder.beforeStep();
    }

    /**
     * Compiles the scenario and hands it on. A scenario stopped by an undefined or
     * ambiguous step fails here with that step's line (the Cucumber JUnit engine would
     * otherwise only skip it); one stopped by a failing step already failed.
     */
    @After
    public void end(Scenario scenario) {
        Status status = scenario.getStatus();
        if (status == Status.UNDEFINED || status == Status.AMBIGUOUS || status == Status.PENDING) {
            throw builder.error(
                    status == Status.AMBIGUOUS
                            ? "more than one step definition matches this step"
                            : "no step definition matches this step");
        }
        if (status != Status.PASSED) {
            return;
        }
        sink.accept(builder.compile());
    }
}

package dev.daxspec.spec;

import io.cucumber.plugin.EventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestStepFinished;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Cucumber plugin (the stable {@code io.cucumber.plugin} API) that collects what is
 * wrong with the features as {@code file:line: message}: undefined and ambiguous steps,
 * steps whose values are out of range, scenarios the oracle cannot compile or predict.
 * A scenario whose claims merely fail on the oracle is no error (the check reports it).
 * One error per scenario: the first. Not thread-safe; Cucumber runs one scenario at a time here.
 */
final class StepErrors implements EventListener {

    private final List<String> errors = new ArrayList<>();
    private final Set<TestCase> failed = new HashSet<>();

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepFinished.class, this::finished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> {
            Throwable error = e.getResult().getError();
            if (error != null) {
                errors.add("cucumber: " + firstLine(error));
            }
        });
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    private void finished(TestStepFinished e) {
        Status status = e.getResult().getStatus();
        if (status == Status.PASSED || status == Status.SKIPPED || failed.contains(e.getTestCase())) {
            return;
        }
        Throwable error = e.getResult().getError();
        if (error instanceof ExpectationFailed) {
            return;
        }
        failed.add(e.getTestCase());
        if (e.getTestStep() instanceof PickleStepTestStep step) {
            String where = display(step.getUri()) + ":" + step.getStepLine() + ": ";
            String text = step.getStep().getKeyword().strip() + " " + step.getStepText();
            errors.add(
                    switch (status) {
                        case UNDEFINED ->
                            where + "no step definition matches '" + text + "' (daxspec check --list-steps shows"
                                    + " the vocabulary)";
                        case AMBIGUOUS ->
                            where + "more than one step definition matches '" + text + "': " + firstLine(error);
                        case PENDING -> where + "'" + text + "' is pending";
                        default -> where + reason(error, text);
                    });
            return;
        }
        // A hook: the scenario's compilation or its run on the oracle.
        TestCase tc = e.getTestCase();
        errors.add(
                error instanceof AuthoringError
                        ? error.getMessage()
                        : display(tc.getUri()) + ":" + tc.getLocation().getLine() + ": " + tc.getName() + ": "
                                + firstLine(error));
    }

    /** The step's own problem: an authoring error as it is, else the deepest cause's message. */
    private static String reason(Throwable error, String text) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AuthoringError a) {
                String m = a.getMessage();
                return m.substring(m.indexOf(": ") + 2);
            }
        }
        Throwable root = error;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "'" + text + "': " + firstLine(root);
    }

    private static String firstLine(Throwable t) {
        if (t == null) {
            return "failed";
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    static String display(URI uri) {
        return "file".equals(uri.getScheme()) ? FeatureIndex.displayName(Path.of(uri)) : uri.toString();
    }
}

package dev.daxspec.spec;

import java.util.List;
import java.util.Optional;

/**
 * A claim about what a crash may leave: it holds when some outcome satisfies the inner
 * claim ({@code Then the range 4096..4111 may read as zeros}).
 */
record Possibly(StepRef step, Expectation inner) implements Expectation {

    @Override
    public Optional<String> in(TranscriptView outcome) {
        return inner.in(outcome);
    }

    @Override
    public Optional<String> violation(List<TranscriptView> outcomes) {
        String last = "";
        for (TranscriptView o : outcomes) {
            Optional<String> v = inner.in(o);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            last = v.get();
        }
        return Optional.of(
                "no outcome of the " + outcomes.size() + " the crash allows shows it (the last: " + last + ")");
    }
}

package dev.daxspec.spec;

import java.util.stream.Collectors;

/**
 * A scenario whose expectations do not hold on the correct oracle: each failing Then
 * step with its {@code file:line} and what the transcript shows, then the transcript.
 */
public final class ExpectationFailed extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final transient Evaluation evaluation;

    public ExpectationFailed(CompiledScenario scenario, Evaluation evaluation) {
        super(message(scenario, evaluation));
        this.evaluation = evaluation;
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    private static String message(CompiledScenario s, Evaluation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.location())
                .append(": ")
                .append(s.name())
                .append(": ")
                .append(
                        e.violations().size() == 1
                                ? "1 expectation fails"
                                : e.violations().size() + " expectations fail")
                .append(" on the correct oracle\n");
        e.violations().forEach(v -> sb.append(v).append('\n'));
        for (int i = 0; i < e.transcripts().size(); i++) {
            sb.append(e.transcripts().size() == 1 ? "transcript:\n" : "transcript of outcome " + (i + 1) + ":\n");
            sb.append(e.transcripts().get(i).lines().map(l -> "  " + l).collect(Collectors.joining("\n")))
                    .append('\n');
        }
        return sb.toString();
    }
}

package dev.daxspec.spec;

import java.util.List;
import java.util.Optional;

/** A traced xfs_io run fired exactly these tracepoints ({@code EVENT [RESULT] N} lines, sorted). */
record TraceIs(StepRef step, int run, List<String> lines) implements Expectation {

    TraceIs {
        lines = List.copyOf(lines);
    }

    @Override
    public Optional<String> in(TranscriptView t) {
        Optional<TranscriptView.Section> s = t.step(run);
        if (s.isEmpty()) {
            return Optional.of("the faulting run never ran: " + t.missing(run));
        }
        List<String> got = s.get().trace();
        return got.equals(lines)
                ? Optional.empty()
                : Optional.of("the trace is [" + String.join(", ", got) + "], not [" + String.join(", ", lines) + "]");
    }
}

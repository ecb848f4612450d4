package dev.daxspec.spec;

import java.util.Optional;

/** A traced xfs_io run fired {@code count} fault tracepoints of a kind. */
record FaultCount(StepRef step, int run, FaultKind kind, int count) implements Expectation {

    @Override
    public Optional<String> in(TranscriptView t) {
        Optional<TranscriptView.Section> s = t.step(run);
        if (s.isEmpty()) {
            return Optional.of("the faulting run never ran: " + t.missing(run));
        }
        int got = kind.count(s.get().trace());
        if (got == count) {
            return Optional.empty();
        }
        String trace = s.get().trace().isEmpty()
                ? "no fs_dax tracepoint fired"
                : "trace: " + String.join(", ", s.get().trace());
        return Optional.of(got + " " + kind.description() + ", not " + count + " (" + trace + ")");
    }
}

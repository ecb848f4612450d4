package dev.daxspec.spec;

import java.util.Optional;

/** A command fails with an errno: xfs_io's perror() line, e.g. {@code mmap: Operation not supported}. */
record OpFails(StepRef step, OpRef op, String errorLine) implements Expectation {

    @Override
    public Optional<String> in(TranscriptView t) {
        OpOutput o = t.op(op);
        if (o.error().isPresent()) {
            return o.error().get().equals(errorLine)
                    ? Optional.empty()
                    : Optional.of("it failed with '" + o.error().get() + "', not '" + errorLine + "'");
        }
        if (!o.present()) {
            return Optional.of("it shows nothing: " + t.missing(op.step()));
        }
        return Optional.of(
                "it succeeded" + (o.lines().isEmpty() ? "" : ": " + o.lines().get(0)));
    }
}

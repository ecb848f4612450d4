package dev.daxspec.spec;

import java.util.Optional;

/** A field of xfs_io's stat output has a value: {@code stat.size = 1100}, {@code stat.blocks = 8}. */
record StatField(StepRef step, OpRef stat, String field, long value) implements Expectation {

    @Override
    public Optional<String> in(TranscriptView t) {
        OpOutput o = t.op(stat);
        if (!o.present()) {
            return Optional.of("stat shows nothing: " + t.missing(stat.step()));
        }
        String prefix = field + " = ";
        for (String l : o.lines()) {
            if (l.startsWith(prefix)) {
                String got = l.substring(prefix.length()).strip();
                return got.equals(Long.toString(value))
                        ? Optional.empty()
                        : Optional.of(field + " is " + got + ", not " + value);
            }
        }
        return Optional.of("stat printed no " + field);
    }
}

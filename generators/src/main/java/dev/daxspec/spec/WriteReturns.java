package dev.daxspec.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A pwrite wrote {@code bytes} of what it asked for: its {@code wrote N/M bytes at offset O} line. */
record WriteReturns(StepRef step, OpRef write, long bytes) implements Expectation {

    private static final Pattern WROTE = Pattern.compile("^wrote (\\d+)/(\\d+) bytes at offset (\\d+)$");

    @Override
    public Optional<String> in(TranscriptView t) {
        OpOutput o = t.op(write);
        if (o.error().isPresent()) {
            return Optional.of("the write failed: " + o.error().get());
        }
        if (!o.present()) {
            return Optional.of("the write shows nothing: " + t.missing(write.step()));
        }
        Matcher m = WROTE.matcher(o.lines().get(0));
        if (!m.matches()) {
            return Optional.of("the write printed '" + o.lines().get(0) + "'");
        }
        long got = Long.parseLong(m.group(1));
        return got == bytes
                ? Optional.empty()
                : Optional.of("the write returned " + got + " of " + m.group(2) + " bytes, not " + bytes);
    }
}

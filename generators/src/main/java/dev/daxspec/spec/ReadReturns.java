package dev.daxspec.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A read(2) returns {@code count} bytes: pread's {@code read N/M bytes at offset O} line. */
record ReadReturns(StepRef step, OpRef read, long count) implements Expectation {

    private static final Pattern READ = Pattern.compile("^read (\\d+)/(\\d+) bytes at offset (\\d+)$");

    @Override
    public Optional<String> in(TranscriptView t) {
        OpOutput o = t.op(read);
        if (!o.present()) {
            return Optional.of("the read shows nothing: " + t.missing(read.step()));
        }
        for (String l : o.lines()) {
            Matcher m = READ.matcher(l);
            if (m.matches()) {
                long got = Long.parseLong(m.group(1));
                return got == count
                        ? Optional.empty()
                        : Optional.of("read() returned " + got + " bytes, not " + count + " ('" + l + "')");
            }
        }
        return Optional.of("the read printed no report line");
    }
}

package dev.daxspec.spec;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * lseek(2) with SEEK_DATA or SEEK_HOLE from an offset finds an offset, or nothing
 * (ENXIO, which xfs_io's seek prints as {@code EOF}).
 */
record SeekFinds(StepRef step, OpRef seek, String whence, OptionalLong result) implements Expectation {

    @Override
    public Optional<String> in(TranscriptView t) {
        OpOutput o = t.op(seek);
        if (!o.present()) {
            return Optional.of("seek shows nothing: " + t.missing(seek.step()));
        }
        String want = whence + "\t" + (result.isPresent() ? Long.toString(result.getAsLong()) : "EOF");
        for (String l : o.lines()) {
            if (l.startsWith(whence + "\t")) {
                return l.equals(want)
                        ? Optional.empty()
                        : Optional.of("SEEK_" + whence + " found " + found(l) + ", not " + found(want));
            }
        }
        return Optional.of("seek printed no " + whence + " row");
    }

    private static String found(String row) {
        String r = row.substring(row.indexOf('\t') + 1);
        return r.equals("EOF") ? "nothing (ENXIO)" : r;
    }
}

package dev.daxspec.spec;

import java.util.Optional;

/** statx(2) reports STATX_ATTR_DAX (0x200000) for the file, or does not (fs/stat.c). */
record DaxAttribute(StepRef step, OpRef statx, boolean dax) implements Expectation {

    static final long STATX_ATTR_DAX = 0x200000L;

    @Override
    public Optional<String> in(TranscriptView t) {
        OpOutput o = t.op(statx);
        if (!o.present()) {
            return Optional.of("statx shows nothing: " + t.missing(statx.step()));
        }
        for (String l : o.lines()) {
            if (l.startsWith("stat.attributes = 0x")) {
                boolean set = (Long.parseUnsignedLong(l.substring(20).strip(), 16) & STATX_ATTR_DAX) != 0;
                return set == dax
                        ? Optional.empty()
                        : Optional.of("statx says the file is " + (set ? "" : "not ") + "DAX ('" + l + "')");
            }
        }
        return Optional.of("statx printed no stat.attributes");
    }
}

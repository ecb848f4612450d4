package dev.daxspec.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes {@code [offset, offset + length)} read as a pattern, through read(2)
 * ({@code pread -v}, which must return every byte) or through the mapping
 * ({@code mread -f}, one or two commands, which must dump every byte).
 */
record BytesRead(StepRef step, List<OpRef> reads, long offset, long length, BytePattern pattern, boolean viaMapping)
        implements Expectation {

    private static final Pattern READ = Pattern.compile("^read (\\d+)/(\\d+) bytes at offset (\\d+)$");

    BytesRead {
        reads = List.copyOf(reads);
    }

    @Override
    public Optional<String> in(TranscriptView t) {
        List<String> lines = new ArrayList<>();
        for (OpRef r : reads) {
            OpOutput o = t.op(r);
            if (!o.present()) {
                return Optional.of("the " + (viaMapping ? "load" : "read") + " of " + offset + ".."
                        + (offset + length - 1) + " shows nothing: " + t.missing(r.step()));
            }
            if (!viaMapping) {
                for (String l : o.lines()) {
                    Matcher m = READ.matcher(l);
                    if (m.matches() && !m.group(1).equals(m.group(2))) {
                        return Optional.of("read() returned " + m.group(1) + " of the " + m.group(2)
                                + " bytes asked for at offset " + m.group(3) + " (the file ends there)");
                    }
                }
            }
            lines.addAll(o.lines());
        }
        byte[] data = HexDump.extract(lines, offset, (int) length);
        if (data == null) {
            return Optional.of("the dump does not show every byte of " + offset + ".." + (offset + length - 1));
        }
        if (pattern.matchedBy(data) >= 0) {
            return Optional.empty();
        }
        return Optional.of("it holds " + runs(data, offset) + ", not " + pattern);
    }

    /** {@code 1100..1199 0x62, 1200..4095 zeros}: the first few runs of equal bytes. */
    static String runs(byte[] data, long base) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        int i = 0;
        while (i < data.length) {
            int j = i;
            while (j < data.length && data[j] == data[i]) {
                j++;
            }
            if (shown == 4) {
                return sb.append(", ...").toString();
            }
            if (shown > 0) {
                sb.append(", ");
            }
            sb.append(base + i).append("..").append(base + j - 1).append(' ').append(BytePattern.name(data[i] & 0xff));
            shown++;
            i = j;
        }
        return sb.toString();
    }
}

package dev.daxspec.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file's extent map shows every 512-byte sector of a range as one state: {@code data}
 * (written), {@code unwritten} (preallocated) or {@code hole}, as xfstests'
 * {@code _filter_fiemap} prints {@code fiemap -v} (rows {@code N: [a..b]: state} in
 * sectors). Sectors past the last row are holes.
 */
record ExtentState(StepRef step, OpRef fiemap, long offset, long length, String state) implements Expectation {

    private static final Pattern ROW = Pattern.compile("^\\d+: \\[(\\d+)\\.\\.(\\d+)\\]: (data|unwritten|hole)$");

    @Override
    public Optional<String> in(TranscriptView t) {
        OpOutput o = t.op(fiemap);
        if (!o.present()) {
            return Optional.of("fiemap shows nothing: " + t.missing(fiemap.step()));
        }
        long first = offset / 512;
        long last = (offset + length - 1) / 512;
        long sector = first;
        while (sector <= last) {
            String found = "hole";
            long end = last;
            for (String l : o.lines()) {
                Matcher m = ROW.matcher(l);
                if (m.matches()) {
                    long a = Long.parseLong(m.group(1));
                    long b = Long.parseLong(m.group(2));
                    if (sector >= a && sector <= b) {
                        found = m.group(3);
                        end = Math.min(last, b);
                        break;
                    }
                    if (a > sector) {
                        end = Math.min(end, a - 1);
                    }
                }
            }
            if (!found.equals(state)) {
                return Optional.of("bytes " + sector * 512 + ".." + ((end + 1) * 512 - 1) + " are " + describe(found)
                        + ", not " + describe(state) + " (fiemap: " + String.join("; ", o.lines()) + ")");
            }
            sector = end + 1;
        }
        return Optional.empty();
    }

    static String describe(String state) {
        return switch (state) {
            case "hole" -> "a hole";
            case "data" -> "written data";
            default -> state;
        };
    }
}

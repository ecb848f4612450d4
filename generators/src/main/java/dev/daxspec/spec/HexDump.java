package dev.daxspec.spec;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * xfs_io's hex dump lines ({@code __dump_buffer()}: {@code %08llx:  } then {@code %02x }
 * for up to 16 bytes, a space, and the printable characters), as pread -v and mread -f
 * print them with file offsets.
 */
final class HexDump {

    static final Pattern LINE = Pattern.compile("^([0-9a-f]{8,}):  ((?:[0-9a-f]{2} ){1,16}) (\\S*)$");

    private HexDump() {}

    static boolean isDumpLine(String line) {
        return LINE.matcher(line).matches();
    }

    /** The number of bytes a dump line shows. */
    static int bytesIn(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a dump line: " + line);
        }
        return m.group(2).length() / 3;
    }

    /**
     * The bytes {@code [offset, offset + length)} as the dump lines show them; null when a
     * byte of the range is missing from the dump.
     */
    static byte[] extract(List<String> lines, long offset, int length) {
        byte[] out = new byte[length];
        boolean[] seen = new boolean[length];
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long at = Long.parseUnsignedLong(m.group(1), 16);
            String[] hex = m.group(2).trim().split(" ");
            for (int i = 0; i < hex.length; i++) {
                long pos = at + i;
                if (pos >= offset && pos < offset + length) {
                    out[(int) (pos - offset)] = (byte) Integer.parseInt(hex[i], 16);
                    seen[(int) (pos - offset)] = true;
                }
            }
        }
        for (boolean s : seen) {
            if (!s) {
                return null;
            }
        }
        return out;
    }
}

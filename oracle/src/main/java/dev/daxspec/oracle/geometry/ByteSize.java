package dev.daxspec.oracle.geometry;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people write them in specs and on command lines: {@code 4096},
 * {@code 0x1000}, {@code 4k}, {@code 4K}, {@code 4KiB}, {@code 2MiB}, {@code 512M},
 * {@code 1G}. Units are powers of 1024 (as in the kernel and xfs_io); {@code KB}-style
 * spellings mean the same, since nothing here counts in powers of 1000.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile(
            "(0x[0-9a-fA-F]+|[0-9]+)\\s*(?:([kKmMgGtT])(?:i?[bB])?|([bB]|bytes?))?");

    private ByteSize() {
    }

    /** Parses {@code text}; the message of the exception names the bad text. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (write 4096, 0x1000, 4KiB, 2MiB, 1G)");
        }
        String digits = m.group(1);
        long value;
        try {
            value = digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        if (m.group(2) == null) {
            return value;
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        if (Long.numberOfLeadingZeros(value) <= shift) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return value << shift;
    }

    /** The shortest exact spelling: {@code 4KiB}, {@code 2MiB}, {@code 1100}. */
    public static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % (1L << shifts[i]) == 0) {
                return (bytes >> shifts[i]) + units[i];
            }
        }
        return Long.toString(bytes);
    }
}

package dev.daxspec.oracle.geometry;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people write them in specs and on command lines, one grammar for every
 * option and every feature: a number, decimal or {@code 0x} hexadecimal, then optionally,
 * with or without a space, a unit of {@link #UNITS}: {@code 4096}, {@code 0x1000},
 * {@code 4k}, {@code 4 KiB}, {@code 2MiB}, {@code 512M}, {@code 1G}, {@code 1 TiB},
 * {@code 1100 bytes}. Units are powers of 1024 (as in the kernel and xfs_io); {@code KB}-style
 * spellings mean the same, since nothing here counts in powers of 1000. Features add units
 * of the target's geometry (pages, blocks, PMDs) on top of these.
 */
public final class ByteSize {

    /** The byte units, as help texts and error messages name them. */
    public static final String UNITS = "bytes (or B), KiB, MiB, GiB, TiB (also K, M, G, T, KB...: powers of 1024)";

    private static final Pattern SIZE = Pattern.compile("(0x[0-9a-fA-F]+|[0-9]+)\\s*([A-Za-z]+)?");

    private static final Pattern UNIT = Pattern.compile("([kKmMgGtT])(?:i?[bB])?|[bB]|bytes?");

    private ByteSize() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (write 4096, 0x1000, 4KiB, 2 MiB, 1G)");
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
        int shift = shift(m.group(2))
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + text + "' is not a size: unknown unit '" + m.group(2) + "' (units: " + UNITS + ")"));
        if (Long.numberOfLeadingZeros(value) <= shift) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return value << shift;
    }

    /**
     * The power of two a byte unit of {@link #UNITS} stands for: 0 for bytes, 10 for KiB, up
     * to 40 for TiB; empty for a word that is not a byte unit.
     */
    public static OptionalInt shift(String unit) {
        Matcher m = UNIT.matcher(unit);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        if (m.group(1) == null) {
            return OptionalInt.of(0);
        }
        return OptionalInt.of(
                switch (m.group(1).toLowerCase(Locale.ROOT)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    default -> 40;
                });
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

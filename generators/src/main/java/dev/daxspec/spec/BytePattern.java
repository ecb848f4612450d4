package dev.daxspec.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a range of bytes holds: {@code zeros}, one byte value ({@code 0x61}), or
 * alternatives ({@code 0x62 or zeros}): the whole range holds one of them. Immutable.
 *
 * @param values the byte values allowed, each 0 to 255; zeros is 0
 */
public record BytePattern(List<Integer> values) {

    /** What a feature may write. */
    public static final String REGEX = "(?:zeros|0x[0-9a-fA-F]+)(?: or (?:zeros|0x[0-9a-fA-F]+))*";

    public BytePattern {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a pattern needs a value");
        }
    }

    public static BytePattern of(int value) {
        return new BytePattern(List.of(value));
    }

    /** @throws IllegalArgumentException for a value that is not a byte */
    public static BytePattern parse(String text) {
        List<Integer> out = new ArrayList<>();
        for (String alt : text.strip().split(" or ")) {
            String a = alt.strip();
            out.add(a.equals("zeros") ? 0 : byteValue(a));
        }
        return new BytePattern(out);
    }

    /** {@code 0x61} as a byte value. */
    public static int byteValue(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.matches("0x[0-9a-f]+")) {
            throw new IllegalArgumentException("'" + text + "' is not a byte: write 0x00 to 0xff");
        }
        String digits = t.substring(2).replaceFirst("^0+(?=.)", "");
        if (digits.length() > 2) {
            throw new IllegalArgumentException("'" + text + "' is out of range for a byte (0x00 to 0xff)");
        }
        return Integer.parseInt(digits, 16);
    }

    /** The value that every byte of {@code data} has, if one of {@link #values}; else -1. */
    public int matchedBy(byte[] data) {
        for (int v : values) {
            boolean all = true;
            for (byte b : data) {
                if ((b & 0xff) != v) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return v;
            }
        }
        return -1;
    }

    static String name(int value) {
        return value == 0 ? "zeros" : String.format(Locale.ROOT, "0x%02x", value);
    }

    @Override
    public String toString() {
        return values.stream().map(BytePattern::name).collect(Collectors.joining(" or "));
    }
}

package dev.daxspec.run;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders kernel releases the way {@code sort -V} does for them: numbers compare as numbers,
 * everything else as text ({@code 6.1.0-9} before {@code 6.1.0-56}).
 */
record VersionKey(List<Object> parts) implements Comparable<VersionKey> {

    private static final Pattern PART = Pattern.compile("\\d+|\\D+");

    static VersionKey of(String release) {
        List<Object> parts = new ArrayList<>();
        Matcher matcher = PART.matcher(release);
        while (matcher.find()) {
            String part = matcher.group();
            parts.add(Character.isDigit(part.charAt(0)) ? (Object) new BigInteger(part) : part);
        }
        return new VersionKey(List.copyOf(parts));
    }

    @Override
    public int compareTo(VersionKey other) {
        for (int i = 0; i < Math.min(parts.size(), other.parts.size()); i++) {
            int c = compare(parts.get(i), other.parts.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(parts.size(), other.parts.size());
    }

    private static int compare(Object a, Object b) {
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            return x.compareTo(y);
        }
        if (a instanceof BigInteger) {
            return -1;
        }
        if (b instanceof BigInteger) {
            return 1;
        }
        return ((String) a).compareTo((String) b);
    }
}

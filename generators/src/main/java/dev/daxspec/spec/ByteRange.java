package dev.daxspec.spec;

/**
 * An inclusive byte range as a feature writes it, {@code FROM..TO}: {@code 1100..4095},
 * {@code EOF..PAGE_ALIGN(EOF)-1}, {@code 0..PAGE_SIZE-1}. Immutable.
 */
public record ByteRange(ByteExpr from, ByteExpr to) {

    /** What a feature may write for a range. */
    public static final String REGEX = ByteExpr.REGEX + " ?\\.\\. ?" + ByteExpr.REGEX;

    /** Resolved bounds: the first byte and the number of bytes. */
    public record Bytes(long offset, long length) {
        public long last() {
            return offset + length - 1;
        }

        @Override
        public String toString() {
            return offset + ".." + last();
        }
    }

    /**
     * Parses {@code FROM..TO}.
     *
     * @throws IllegalArgumentException naming the text when it is not a range
     */
    public static ByteRange parse(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a range: write FIRST..LAST, e.g. 1100..4095");
        }
        return new ByteRange(ByteExpr.parse(text.substring(0, dots)), ByteExpr.parse(text.substring(dots + 2)));
    }

    /** @throws IllegalArgumentException when a bound cannot be resolved or the range is empty */
    public Bytes resolve(ByteExpr.Context ctx) {
        long a = from.resolve(ctx);
        long b = to.resolve(ctx);
        if (b < a) {
            throw new IllegalArgumentException(
                    "the range " + this + " is " + a + ".." + b + ": its last byte comes before its first");
        }
        if (b == Long.MAX_VALUE) {
            throw new IllegalArgumentException("the range " + this + " is out of range");
        }
        return new Bytes(a, b - a + 1);
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}

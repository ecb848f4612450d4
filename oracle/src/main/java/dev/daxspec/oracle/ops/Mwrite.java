package dev.daxspec.oracle.ops;

import java.util.OptionalLong;

/**
 * {@code mwrite [-S seed] [off len]}: stores the seed's low byte (default {@code 'X'}) in
 * every byte of the range through the current mapping.
 */
public record Mwrite(long seed, OptionalLong offset, OptionalLong length) implements Op {

    public static final long DEFAULT_SEED = 'X';

    public byte pattern() {
        return (byte) seed;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.mwrite(this);
    }

    @Override
    public String toString() {
        return "mwrite" + (seed != DEFAULT_SEED ? " -S 0x" + Long.toHexString(seed) : "")
                + (offset.isPresent() ? " " + offset.getAsLong() + " " + length.getAsLong() : "");
    }
}

package dev.daxspec.oracle.ops;

import java.util.OptionalLong;

/**
 * {@code pwrite [-S seed] [-b bsize] off len}: writes {@code len} bytes of the seed's low
 * byte at {@code off}, in pwrite(2) calls of {@code bsize} bytes (xfs_io's default: the
 * filesystem block size on xfs, 4096 elsewhere).
 *
 * @param seed the -S value; xfs_io fills its buffer with memset(), so only the low byte
 *     is written. The default is 0xcdcdcdcd.
 */
public record Pwrite(long offset, long length, long seed, OptionalLong bufferSize) implements Op {

    public static final long DEFAULT_SEED = 0xcdcdcdcdL;

    public Pwrite(long offset, long length) {
        this(offset, length, DEFAULT_SEED, OptionalLong.empty());
    }

    /** The byte every written position gets. */
    public byte pattern() {
        return (byte) seed;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.pwrite(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("pwrite");
        if (seed != DEFAULT_SEED) {
            sb.append(" -S 0x").append(Long.toHexString(seed));
        }
        bufferSize.ifPresent(b -> sb.append(" -b ").append(b));
        return sb.append(' ').append(offset).append(' ').append(length).toString();
    }
}

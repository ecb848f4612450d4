package dev.daxspec.oracle.ops;

import java.util.OptionalLong;

/**
 * {@code pread [-v] [-b bsize] off len}: reads, in pread(2) calls of {@code bsize} bytes,
 * and with {@code -v} dumps what it read in xfs_io's hex format.
 */
public record Pread(long offset, long length, boolean verbose, OptionalLong bufferSize) implements Op {

    public Pread(long offset, long length, boolean verbose) {
        this(offset, length, verbose, OptionalLong.empty());
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.pread(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("pread");
        if (verbose) {
            sb.append(" -v");
        }
        bufferSize.ifPresent(b -> sb.append(" -b ").append(b));
        return sb.append(' ').append(offset).append(' ').append(length).toString();
    }
}

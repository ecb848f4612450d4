package dev.daxspec.oracle.explore;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fdatasync;
import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Fsync;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.ops.Truncate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Seeded random sequences of file I/O commands for one file, aimed at the boundaries the
 * rules care about: offsets on and next to block, page and PMD boundaries, lengths from
 * one byte to a few pages. The same seed and geometry always give the same sequence.
 *
 * <p>Immutable and thread-safe.
 */
public final class RandomOps {

    private final Geometry g;
    private final long span;

    /**
     * @param span offsets fall in {@code [0, span)}; a few PMDs make PMD boundaries likely
     */
    public RandomOps(Geometry g, long span) {
        this.g = g;
        this.span = span;
    }

    public List<Op> sequence(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Op> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ops.add(next(r));
        }
        return ops;
    }

    private Op next(SplittableRandom r) {
        int k = r.nextInt(100);
        if (k < 35) {
            long seed = 0x41 + r.nextInt(26);
            OptionalLong bsize =
                    r.nextInt(4) == 0 ? OptionalLong.of(g.blockSize() * (1L + r.nextInt(8))) : OptionalLong.empty();
            return new Pwrite(offset(r), length(r), seed, bsize);
        }
        if (k < 45) {
            return new Pread(offset(r), length(r), false);
        }
        if (k < 55) {
            return new Truncate(offset(r));
        }
        if (k < 65) {
            return new Falloc(r.nextBoolean(), offset(r), 1 + length(r));
        }
        if (k < 75) {
            return new Fpunch(offset(r), 1 + length(r));
        }
        if (k < 85) {
            return new Fzero(r.nextBoolean(), offset(r), 1 + length(r));
        }
        if (k < 90) {
            return new Seek(r.nextBoolean(), true, true, false, offset(r));
        }
        return r.nextBoolean() ? new Fsync() : new Fdatasync();
    }

    /** An offset on or next to a block, page or PMD boundary, or anywhere. */
    private long offset(SplittableRandom r) {
        long unit = switch (r.nextInt(4)) {
            case 0 -> g.blockSize();
            case 1 -> g.pageSize();
            case 2 -> g.pmdSize();
            default -> 1;
        };
        long base = unit == 1 ? r.nextLong(span) : unit * r.nextLong(Math.max(1, span / unit));
        long nudge = switch (r.nextInt(3)) {
            case 0 -> 0;
            case 1 -> -1 - r.nextInt(3);
            default -> 1 + r.nextInt(3);
        };
        return Math.max(0, Math.min(span - 1, base + nudge));
    }

    private long length(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(17);
            case 1 -> g.blockSize() + r.nextInt(3) - 1;
            case 2 -> r.nextLong(3L * g.pageSize());
            default -> g.pageSize() * (1L + r.nextInt(4));
        };
    }
}

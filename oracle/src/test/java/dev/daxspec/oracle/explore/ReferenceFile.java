package dev.daxspec.oracle.explore;

import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Truncate;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A deliberately naive second model of one file, written from the rules rather than from
 * the oracle's code: a byte array, a size and the set of blocks holding written data.
 */
final class ReferenceFile {

    final byte[] data;
    final BitSet written = new BitSet();
    long size;
    private final Target t;
    private final int bs;

    ReferenceFile(Target t, int capacity) {
        this.t = t;
        this.bs = t.blockSize();
        this.data = new byte[capacity];
    }

    void apply(Op op) {
        if (op instanceof Pwrite w) {
            Arrays.fill(data, (int) w.offset(), (int) (w.offset() + w.length()), w.pattern());
            if (w.length() > 0) {
                size = Math.max(size, w.offset() + w.length());
                written.set((int) (w.offset() / bs), (int) ((w.offset() + w.length() + bs - 1) / bs));
            }
        } else if (op instanceof Truncate tr) {
            if (tr.size() < size) {
                zero(tr.size(), data.length);
            }
            written.clear((int) ((tr.size() + bs - 1) / bs), Integer.MAX_VALUE);
            size = tr.size();
        } else if (op instanceof Falloc f) {
            if (t.fs() != Filesystem.EXT2 && !f.keepSize()) {
                size = Math.max(size, f.offset() + f.length());
            }
        } else if (op instanceof Fpunch p) {
            long end = p.offset() + p.length();
            if (t.fs() != Filesystem.XFS) {
                if (p.offset() >= size) {
                    return;
                }
                if (end > size) {
                    end = size + t.pageSize() - size % t.pageSize();
                }
            }
            zero(p.offset(), end);
            clearWholeBlocks(p.offset(), end);
        } else if (op instanceof Fzero z) {
            if (t.fs() == Filesystem.EXT2) {
                return;
            }
            zero(z.offset(), z.offset() + z.length());
            clearWholeBlocks(z.offset(), z.offset() + z.length());
            if (!z.keepSize()) {
                size = Math.max(size, z.offset() + z.length());
            }
        }
    }

    private void zero(long from, long to) {
        Arrays.fill(data, (int) Math.min(from, data.length), (int) Math.min(to, data.length), (byte) 0);
    }

    private void clearWholeBlocks(long from, long to) {
        long first = (from + bs - 1) / bs;
        long end = to / bs;
        if (end > first) {
            written.clear((int) first, (int) end);
        }
    }
}

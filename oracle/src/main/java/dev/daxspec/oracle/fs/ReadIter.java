package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.RangeMap;
import java.util.Arrays;

/**
 * read(2): how many bytes it returns and which. Holes and unwritten blocks read as zeros
 * (B8); reads stop at i_size. Not thread-safe.
 */
final class ReadIter {

    private final Geometry g;

    ReadIter(Geometry g) {
        this.g = g;
    }

    /**
     * One pread(2): the number of bytes it returns (the bytes: {@link #data}). {@code pos}
     * and {@code len} are not negative: xfs_io's cvtnum() refuses a negative offset or
     * length before any system call ({@code CommandParser}).
     */
    SysRet read(Inode ip, long pos, long len) {
        if (pos >= ip.size || len == 0) {
            return SysRet.ZERO;
        }
        long n = Math.min(len, ip.size - pos);
        if (!ip.dax()) {
            // filemap_read() fills the page cache through readahead windows the model
            // does not follow; only SEEK_DATA over unwritten extents can tell.
            ip.readahead = true;
        }
        return SysRet.ok(n);
    }

    /** What read(2) returns for {@code [pos, pos + len)}, which must lie within i_size. */
    byte[] data(Inode ip, long pos, int len) {
        byte[] out = ip.data.read(pos, len);
        long firstBlock = g.blockIndex(pos);
        long endBlock = g.blocksFor(pos + len);
        for (RangeMap.Run<BlockState> r : ip.extents.runs(firstBlock, endBlock)) {
            if (r.value() != BlockState.UNWRITTEN) {
                continue;
            }
            // An unwritten block reads as zeros unless the page cache holds newer data.
            for (long b = r.start(); b < r.end(); b++) {
                if (!ip.dax() && ip.dirty(b)) {
                    continue;
                }
                long from = Math.max(pos, b * g.blockSize());
                long to = Math.min(pos + len, (b + 1) * g.blockSize());
                Arrays.fill(out, (int) (from - pos), (int) (to - pos), (byte) 0);
            }
        }
        return out;
    }
}

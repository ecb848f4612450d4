package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;

/**
 * The bytes between i_size and the end of its page, which a shared mapping can store to
 * but no read may see (B6). Not thread-safe.
 */
final class EofPage {

    private final Geometry g;
    private final Kernel kernel;

    EofPage(Geometry g, Kernel kernel) {
        this.g = g;
        this.kernel = kernel;
    }

    /**
     * Makes the bytes between i_size and the end of its page read as zeros before i_size
     * grows. They can hold data a shared mapping wrote past EOF (B6; Dave Chinner, "Re:
     * [PATCH v3 0/3] Add XIP support to ext4", 23 Dec 2013,
     * https://lore.kernel.org/r/20131223041447.GG3220@dastard: "ensure
     * that partial blocks at EOF are zeroed correctly"); xfs zeroes them with
     * xfs_zero_range() from xfs_file_write_checks() and xfs_setattr_size().
     */
    void zeroBeforeGrowth(Inode ip) {
        if (kernel.has(Bug.EOF_BLOCK_NOT_ZEROED)) {
            // The bug: the tail of the old EOF page keeps what a mapping stored there, and
            // growing i_size exposes it as file data (B6, the same mail).
            return;
        }
        zeroTail(ip);
    }

    /** Zeroes the bytes between i_size and the end of its page. */
    void zeroTail(Inode ip) {
        long eof = ip.size;
        ip.zero(eof, g.roundUpToPage(eof) - eof);
    }
}

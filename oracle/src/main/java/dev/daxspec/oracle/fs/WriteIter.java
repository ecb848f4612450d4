package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.RangeMap;

/**
 * write(2): ->write_iter() of ext4 and xfs, DAX (dax_iomap_rw()) and through the page
 * cache, with its allocation, the i_size and i_disksize it leaves, and what it does when
 * space runs out (B8, B9). Not thread-safe.
 */
final class WriteIter {

    private final SuperBlock sb;
    private final Geometry g;
    private final EofPage eofPage;
    private final EofBlocks eofBlocks;

    WriteIter(SuperBlock sb, EofPage eofPage, EofBlocks eofBlocks) {
        this.sb = sb;
        this.g = sb.g();
        this.eofPage = eofPage;
        this.eofBlocks = eofBlocks;
    }

    /**
     * One pwrite(2) of {@code len} copies of {@code value} at {@code pos}.
     *
     * <p>Blocks in the range that are holes are allocated: written and zeroed on a DAX
     * file (ext4_iomap_alloc() with EXT4_GET_BLOCKS_CREATE_ZERO, xfs_iomap_write_direct()
     * with XFS_BMAPI_ZERO), delayed-allocation reservations through the page cache.
     * Unwritten blocks become written on a DAX file (B8); through the page cache they
     * stay unwritten until writeback converts them. When space runs out the write is
     * short by whole blocks and i_size covers only what was written (B9; Nick Piggin, "Re: [RFC] new ->perform_write fop", 23 May 2010).
     *
     * <p>{@code pos} and {@code len} are not negative: xfs_io's cvtnum() refuses a negative
     * offset or length before any system call ({@code CommandParser}), and so does every
     * program the model runs. A write of 0 bytes returns 0 and changes nothing.
     */
    SysRet write(Inode ip, long pos, long len, byte value) {
        if (len == 0) {
            return SysRet.ZERO;
        }
        boolean ext4 = sb.target().fs().isExt4Driver();
        long oldDiskSize = ip.diskSize;
        if (ext4 && !ip.dax()) {
            freePastEofForFailedWriteBegin(ip, pos, len);
        }
        SysRet probe = probe(ip, pos, len);
        long want = Math.min(len, sb.maxBytes() - pos);
        boolean shortOrEnospc = probe.failed() ? probe.errno().get() == Errno.ENOSPC : probe.value() < want;
        if (ext4 && ip.dax() && pos + want > oldDiskSize && shortOrEnospc) {
            checkDaxWritePastEofAtEnospc(ip, pos, probe);
        }
        if (probe.failed()) {
            if (ext4) {
                sb.alloc().recharge(ip);
                sb.journal().note();
            }
            return probe;
        }
        long bytes = probe.value();
        long first = g.blockIndex(pos);
        long last = g.blocksFor(pos + bytes);
        allocate(ip, first, last);
        if (pos > ip.size) {
            eofPage.zeroBeforeGrowth(ip);
        }
        store(ip, pos, bytes, value);
        long newSize = pos + bytes;
        if (sb.kernel().has(Bug.SHORT_WRITE_EXTENDS_SIZE)) {
            // The bug: i_size was set from the length asked for, not the length written,
            // exposing the unallocated tail as a hole that reads zeros (B9; Nick Piggin,
            // "Re: [RFC] new ->perform_write fop", 23 May 2010).
            newSize = pos + want;
        }
        if (newSize > ip.size) {
            long oldSize = ip.size;
            ip.size = newSize;
            eofBlocks.grew(ip, pos, oldSize, newSize);
            if (ip.dax() || !sb.profile().delaysAllocation()) {
                // ext4_handle_inode_extension(), xfs_dax_write_iomap_end(): a write that
                // allocated at once moves i_disksize with it.
                ip.diskSize = newSize;
            }
        }
        ip.metadataDirty = true;
        sb.alloc().recharge(ip);
        sb.journal().note();
        return SysRet.ok(bytes);
    }

    /**
     * What {@link #write} would return, without writing: lets a caller that splits a
     * write into chunks (xfs_io's buffer) see whether the chunks would all succeed.
     * {@code pos} is not negative and {@code len} is positive.
     */
    SysRet probe(Inode ip, long pos, long len) {
        long max = sb.maxBytes();
        if (pos >= max) {
            return SysRet.error(Errno.EFBIG);
        }
        // generic_write_check_limits(): a write reaching past s_maxbytes is cut short.
        long want = Math.min(len, max - pos);
        long allocEnd = sb.alloc().allocationLimit(ip, g.blockIndex(pos), g.blocksFor(pos + want));
        long bytes = Math.min(want, allocEnd * g.blockSize() - pos);
        return bytes <= 0 ? SysRet.error(Errno.ENOSPC) : SysRet.ok(bytes);
    }

    /** Past 4 MiB ext4 gives no allocation the 2 MiB window {@link Allocator#placeForPmd} knows. */
    private static final long WINDOW_FILE_SIZE = 4L << 20;

    /**
     * Whether a write's effect depends on how it is split into system calls: ext4 converts
     * unwritten extents per call ({@link FsProfile#conversion}), so a DAX write over
     * unwritten blocks must be replayed call by call; ext4 places each call's allocation
     * in a small file by its size then ({@link Allocator#placeForPmd}); and when crash
     * states are recorded, every call is a point a crash may find committed. {@code len}
     * is positive.
     */
    boolean chunkSensitive(Inode ip, long pos, long len) {
        if (sb.journal().recording()) {
            // Each system call may be the last one a journal commit covers.
            return true;
        }
        if (!ip.dax()) {
            return false;
        }
        long first = g.blockIndex(pos);
        long end = g.blocksFor(pos + len);
        if (sb.profile().pmdAllocationsAligned()
                && ip.size <= WINDOW_FILE_SIZE
                && pos < WINDOW_FILE_SIZE
                && !Allocator.holes(ip, first, end).isEmpty()) {
            // ext4 places each call's allocation by the file's size then, 2 MiB aligned or
            // not (Allocator.placeForPmd).
            return true;
        }
        for (RangeMap.Run<BlockState> r : ip.extents.runs(first, end)) {
            if (r.value() == BlockState.UNWRITTEN) {
                return true;
            }
        }
        return false;
    }

    /**
     * ext4_da_write_begin() and ext4_write_begin(), through the page cache: when a page's
     * blocks cannot be reserved (ENOSPC) and the page reaches past i_size, the failed
     * write_begin calls ext4_truncate_failed_write(), whose ext4_truncate() frees every
     * block past i_size, preallocated (KEEP_SIZE) ones too; ext4_should_retry_alloc()
     * then forces a journal commit (the freed blocks are pending, s_mb_free_pending),
     * which makes them allocatable, and the page is tried again. So a write past EOF gets
     * the blocks of the file's own preallocation past EOF. When nothing was freed,
     * ext4_should_retry_alloc() asks ext4_has_free_clusters() for one cluster, which the
     * failed reservation already found missing, and the write stops there. i_size at the
     * failure is where the pages before the failing one took it. The truncate on failure
     * came with b9a4207d5e91 ("ext4: Avoid data / filesystem corruption when write fails
     * to copy data", Jan Kara). Found by daxspec explore on 6.18: fill 7, falloc -k 0
     * 29179 fails at ENOSPC after taking all 7 blocks, then pwrite 28672 1 succeeds and
     * the preallocated blocks are gone.
     */
    private void freePastEofForFailedWriteBegin(Inode ip, long pos, long len) {
        // At or past s_maxbytes want is not positive, the range [first, end) empty, and
        // allocationLimit() returns end at once: nothing is freed.
        long want = Math.min(len, sb.maxBytes() - pos);
        long end = g.blocksFor(pos + want);
        long limit = sb.alloc().allocationLimit(ip, g.blockIndex(pos), end);
        if (limit == end) {
            return;
        }
        long written = limit * g.blockSize() - pos;
        long sizeAtFailure = written > 0 ? Math.max(ip.size, pos + written) : ip.size;
        long failingPageEnd =
                Math.min(pos + want, g.roundDownToPage(Math.max(pos, limit * g.blockSize())) + g.pageSize());
        // Once: the truncate frees every block past sizeAtFailure, so a later page that
        // fails, with i_size at least there, finds nothing more to free.
        if (failingPageEnd > sizeAtFailure) {
            freePastEof(ip, sizeAtFailure);
        }
    }

    /**
     * ext4_dax_write_iter(): a DAX write reaching past i_disksize that fails or is short
     * ends in ext4_handle_inode_extension(), which sets i_size and calls
     * ext4_truncate_failed_write() to free the blocks past the new EOF. On Debian's
     * 6.1.0-57 a write at 28672 that failed with ENOSPC left i_size at 28644 (the offset
     * less ENOSPC) and the blocks preallocated past the old EOF inside it, where B9 has
     * i_size unchanged and the truncate free them. Until a correct kernel shows what it
     * does, the model refuses the two cases where that shows: a failed write starting
     * past EOF, and blocks past the new EOF.
     */
    private void checkDaxWritePastEofAtEnospc(Inode ip, long pos, SysRet probe) {
        long newSize = probe.failed() ? ip.size : Math.max(ip.size, pos + probe.value());
        if ((probe.failed() && pos > ip.size) || ip.extents.mapped(g.blocksFor(newSize), Long.MAX_VALUE) > 0) {
            throw new Unpredictable("an ext4 DAX write past EOF at ENOSPC: i_size and the blocks past EOF"
                    + " afterwards differ between kernels (6.1 sets i_size to the offset less ENOSPC)");
        }
    }

    /**
     * ext4_truncate_failed_write(): truncate_inode_pages() and ext4_truncate() at
     * {@code size}, which frees every block from the one after the EOF block on; i_size
     * stays.
     */
    private void freePastEof(Inode ip, long size) {
        long from = g.blocksFor(size);
        sb.alloc().free(ip, from, Long.MAX_VALUE);
        ip.cached.remove(from, Long.MAX_VALUE);
        sb.alloc().recharge(ip);
    }

    private void allocate(Inode ip, long first, long end) {
        if (ip.dax()) {
            // Unwritten blocks first, while the holes are still holes: ext4's conversion
            // looks at the blocks around the unwritten extent.
            long eofBlock = g.blocksFor(ip.size);
            for (RangeMap.Run<BlockState> r : ip.extents.runs(first, end)) {
                if (r.value() == BlockState.UNWRITTEN) {
                    RangeMap.Run<BlockState> whole = ip.extents.runAt(r.start());
                    long[] c = sb.profile()
                            .conversion(ip.extents, whole.start(), whole.end(), r.start(), r.end(), eofBlock, g);
                    ip.extents.set(c[0], c[1], BlockState.WRITTEN);
                    ip.zero(c[0] * g.blockSize(), (c[1] - c[0]) * g.blockSize());
                }
            }
        }
        BlockState fresh = ip.dax() || !sb.profile().delaysAllocation() ? BlockState.WRITTEN : BlockState.DELALLOC;
        for (RangeMap.Run<BlockState> hole : Allocator.holes(ip, first, end)) {
            if (ip.dax()) {
                // Zeroed on the device before the copy, so what the write does not cover
                // of a block that held another file's or a freed block's bytes reads as
                // zeros, after a remount too (12735f881952, "ext4: pre-zero allocated
                // blocks for DAX IO", Jan Kara, 2016; xfs: XFS_BMAPI_ZERO since
                // 1ca191576fc8, "xfs: Don't use unwritten extents for DAX", Dave Chinner, 2015).
                ip.zero(hole.start() * g.blockSize(), hole.length() * g.blockSize());
                sb.alloc().placeForPmd(ip, hole.start(), hole.end());
            }
            ip.extents.set(hole.start(), hole.end(), fresh);
        }
        if (!ip.dax()) {
            ip.cached.put(first, end, Boolean.TRUE);
        }
    }

    /** Copies the written bytes into the file's blocks. */
    private void store(Inode ip, long pos, long bytes, byte value) {
        if (ip.dax() && sb.kernel().has(Bug.XIP_WRITE_IGNORES_PAGE_OFFSET)) {
            // 2.6.24-rc __xip_file_write() copied each page's part of the write to
            // kaddr, the start of the page, not kaddr + offset (Nick Piggin, "Re: [patch]
            // mm: fix XIP file writes", Dec 2007; broken by 4a9e5ef1f4f1 "mm: write iovec
            // cleanup", fixed by "mm: fix XIP file writes").
            long p = pos;
            long left = bytes;
            while (left > 0) {
                long offset = p & (g.pageSize() - 1);
                long chunk = Math.min(g.pageSize() - offset, left);
                ip.fill(p - offset, chunk, value);
                p += chunk;
                left -= chunk;
            }
            return;
        }
        ip.fill(pos, bytes, value);
    }
}

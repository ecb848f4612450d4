package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.mm.Mapping;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.RangeMap;
import dev.daxspec.oracle.target.Filesystem;

/**
 * The page cache of files that are not DAX: dirty pages ({@link Inode#dirty}), delayed
 * allocation, ->page_mkwrite() and writeback, which allocates delayed blocks, converts
 * unwritten ones under dirty pages and copies the pages to the device. DAX files have no
 * page cache; every method leaves them alone. Not thread-safe.
 */
final class PageCache {

    private final SuperBlock sb;
    private final Geometry g;
    private final EofPage eofPage;

    PageCache(SuperBlock sb, EofPage eofPage) {
        this.sb = sb;
        this.g = sb.g();
        this.eofPage = eofPage;
    }

    /**
     * Writes back the file's dirty pages, allocating delayed blocks and converting unwritten
     * blocks under dirty pages to written; i_disksize follows.
     */
    void writeback(Inode ip) {
        if (ip.dax()) {
            return;
        }
        // block_write_full_page() and iomap_writepage_map() zero the EOF page past i_size
        // before writing it: what a mapping stored there never reaches the disk (B6). Kernels
        // that do not zero it when the file grows still do this (ext4 on 6.1:
        // ext4_bio_write_page() zeroes the page from i_size), so the variant does too.
        eofPage.zeroTail(ip);
        for (RangeMap.Run<BlockState> r : ip.extents.runs()) {
            if (r.value() == BlockState.DELALLOC) {
                ip.extents.set(r.start(), r.end(), BlockState.WRITTEN);
            }
        }
        for (RangeMap.Run<Boolean> c : ip.cached.runs()) {
            if (c.value()) {
                for (RangeMap.Run<BlockState> r : ip.extents.runs(c.start(), c.end())) {
                    if (r.value() == BlockState.UNWRITTEN) {
                        ip.extents.set(r.start(), r.end(), BlockState.WRITTEN);
                    }
                }
                ip.media.copyFrom(ip.data, c.start() * g.blockSize(), (c.end() - c.start()) * g.blockSize());
                ip.cached.put(c.start(), c.end(), Boolean.FALSE);
                // folio_clear_dirty_for_io() write-protects every mapping of a page it cleans
                // (page_mkclean()): a store after this writeback faults, ->page_mkwrite() dirties
                // the page again, and the next writeback writes it.
                long firstPage = g.pageIndex(c.start() * g.blockSize());
                long endPage = g.pagesFor(c.end() * g.blockSize());
                for (Mapping m : ip.mappings) {
                    m.writeProtectFilePtes(firstPage, endPage);
                }
            }
        }
        // Writeback moves i_disksize up to what it wrote (ext4_update_disksize(),
        // xfs_setfilesize()).
        ip.diskSize = ip.size;
        sb.alloc().recharge(ip);
        sb.journal().note();
    }

    /**
     * Zeroing through the page cache left data writeback must write in the allocated
     * blocks of {@code [first, end)}. Unwritten blocks read as zeros anyway and stay
     * unwritten (measured: ext4 zero range leaves its preallocated edge block unwritten
     * through the page cache).
     */
    void markDirty(Inode ip, long first, long end) {
        if (!ip.dax() && end > first) {
            for (RangeMap.Run<BlockState> r : ip.extents.runs(first, end)) {
                if (r.value() != BlockState.UNWRITTEN) {
                    ip.cached.put(r.start(), r.end(), Boolean.TRUE);
                }
            }
        }
    }

    /**
     * ->page_mkwrite(): allocates the blocks {@code [first, end)} of a page within EOF,
     * delayed where the filesystem delays, and dirties them; false at ENOSPC (SIGBUS).
     */
    boolean pageMkwrite(Inode ip, long first, long end) {
        long needed = Allocator.holeBlocks(ip, first, end);
        if (needed > 0 && !sb.alloc().fits(needed)) {
            return false;
        }
        if (needed > 0 && sb.target().fs() == Filesystem.XFS) {
            // Measured: xfs allocated four blocks at writeback for a single page a mapping
            // dirtied over a hole of a sparse file; how much it allocates is not modelled.
            ip.layoutUnknown = "xfs allocated blocks for a page a mapping dirtied over a hole";
        }
        BlockState fresh = sb.profile().delaysAllocation() ? BlockState.DELALLOC : BlockState.WRITTEN;
        for (RangeMap.Run<BlockState> hole : Allocator.holes(ip, first, end)) {
            ip.extents.set(hole.start(), hole.end(), fresh);
            ip.metadataDirty = true;
        }
        if (end > first) {
            ip.cached.put(first, end, Boolean.TRUE);
        }
        sb.alloc().recharge(ip);
        sb.journal().note();
        return true;
    }
}

package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.RangeMap;

/**
 * fallocate(2): preallocation (mode 0 and KEEP_SIZE), PUNCH_HOLE and ZERO_RANGE, as
 * ext4_fallocate() and xfs_file_fallocate() do them (B8, B10). Not thread-safe.
 */
final class Fallocate {

    private final SuperBlock sb;
    private final Geometry g;
    private final EofPage eofPage;
    private final EofBlocks eofBlocks;
    private final PageCache pageCache;
    private final Mappings mappings;

    Fallocate(SuperBlock sb, EofPage eofPage, EofBlocks eofBlocks, PageCache pageCache, Mappings mappings) {
        this.sb = sb;
        this.g = sb.g();
        this.eofPage = eofPage;
        this.eofBlocks = eofBlocks;
        this.pageCache = pageCache;
        this.mappings = mappings;
    }

    /**
     * fallocate(2) with mode 0, KEEP_SIZE, PUNCH_HOLE|KEEP_SIZE or ZERO_RANGE
     * (optionally with KEEP_SIZE).
     */
    SysRet fallocate(Inode ip, int mode, long off, long len) {
        // vfs_fallocate(): "if (offset < 0 || len <= 0) return -EINVAL;"
        if (off < 0 || len <= 0) {
            return SysRet.error(Errno.EINVAL);
        }
        if (off + len < 0 || off + len > sb.maxBytes()) {
            return SysRet.error(Errno.EFBIG);
        }
        SysRet ret;
        if ((mode & FallocMode.PUNCH_HOLE) != 0) {
            ret = punchHole(ip, off, len);
        } else if ((mode & FallocMode.ZERO_RANGE) != 0) {
            ret = zeroRange(ip, off, len, (mode & FallocMode.KEEP_SIZE) != 0);
        } else {
            ret = preallocate(ip, off, len, (mode & FallocMode.KEEP_SIZE) != 0);
        }
        ip.diskSize = Math.max(ip.diskSize, ip.size);
        ip.metadataDirty = true;
        sb.alloc().recharge(ip);
        sb.journal().note();
        return ret;
    }

    /**
     * Mode 0 and KEEP_SIZE: unwritten blocks over the holes of the range, rounded out to
     * blocks; allocated blocks are left alone. i_size grows to {@code off + len} unless
     * KEEP_SIZE. ext2 files have no unwritten extents: EOPNOTSUPP.
     *
     * <p>At ENOSPC ext4 keeps what ext4_alloc_file_blocks() allocated before it ran out
     * and moves i_size to its end; xfs_alloc_file_space() reserves the range up front
     * and allocates nothing.
     */
    private SysRet preallocate(Inode ip, long off, long len, boolean keepSize) {
        if (!sb.profile().preallocates()) {
            return SysRet.error(Errno.EOPNOTSUPP);
        }
        if (!sb.target().fs().isExt4Driver()) {
            // xfs_file_fallocate() breaks layouts whatever the mode; ext4 only for the
            // modes that remove blocks.
            mappings.breakLayouts(ip);
        }
        long first = g.blockIndex(off);
        long end = g.blocksFor(off + len);
        long limit = sb.alloc().allocationLimit(ip, first, end);
        eofBlocks.preallocated(ip, first, limit);
        ip.prealloc |= limit > first;
        for (RangeMap.Run<BlockState> hole : Allocator.holes(ip, first, limit)) {
            ip.extents.set(hole.start(), hole.end(), BlockState.UNWRITTEN);
        }
        long reached = limit == end ? off + len : Math.min(off + len, limit * g.blockSize());
        // ext4_alloc_file_blocks() moves i_size with each chunk it allocated: none, no change.
        if (!keepSize && reached > ip.size && (limit == end || (sb.target().fs().isExt4Driver() && limit > first))) {
            eofPage.zeroBeforeGrowth(ip);
            ip.size = reached;
        }
        return limit == end ? SysRet.ZERO : SysRet.error(Errno.ENOSPC);
    }

    /**
     * PUNCH_HOLE: the whole blocks inside the range are freed; the partial blocks at its
     * edges keep their allocation and read as zeros in the range (B10; ext4_punch_hole()
     * with ext4_zero_partial_blocks(), xfs_free_file_space() with xfs_zero_range()).
     * ext4 punches nothing at or past i_size and clamps the range near EOF
     * ({@link FsProfile#punchEnd}); xfs frees blocks past EOF too but zeroes only up to
     * i_size.
     */
    private SysRet punchHole(Inode ip, long off, long len) {
        long end = off + len;
        if (sb.target().fs().isExt4Driver()) {
            if (off >= ip.size) {
                return SysRet.ZERO;
            }
            end = sb.profile().punchEnd(off, end, ip.size, g);
        }
        long firstFull = g.blocksFor(off);
        long endFull = g.blockIndex(end);
        mappings.unmapForHoleChange(ip, off, end, firstFull, endFull, true);
        if (endFull > firstFull) {
            sb.alloc().free(ip, firstFull, endFull);
            ip.cached.remove(firstFull, endFull);
        }
        long zeroEnd = sb.target().fs().isExt4Driver() ? end : Math.min(end, ip.size);
        if (zeroEnd > off) {
            ip.zero(off, zeroEnd - off);
            pageCache.markDirty(ip, g.blockIndex(off), g.blocksFor(zeroEnd));
        }
        return SysRet.ZERO;
    }

    /**
     * ZERO_RANGE: afterwards the range reads as zeros and its whole blocks are unwritten
     * extents (holes allocated, written blocks converted: ext4_zero_range() with
     * EXT4_GET_BLOCKS_CONVERT_UNWRITTEN; xfs punches then preallocates). The partial
     * blocks at the edges are preallocated when they were holes and otherwise keep their
     * state with the bytes in range zeroed. i_size grows to {@code off + len} unless
     * KEEP_SIZE. ext2 files: EOPNOTSUPP.
     */
    private SysRet zeroRange(Inode ip, long off, long len, boolean keepSize) {
        if (!sb.profile().preallocates()) {
            return SysRet.error(Errno.EOPNOTSUPP);
        }
        long end = off + len;
        long first = g.blockIndex(off);
        long last = g.blocksFor(end);
        long firstFull = g.blocksFor(off);
        long endFull = g.blockIndex(end);
        // xfs_flush_unmap_range() writes the range back, and writeback allocates the whole
        // delalloc extent it meets, as a preallocation does.
        eofBlocks.preallocated(ip, first, last);
        long needed = Allocator.holeBlocks(ip, first, last);
        if (!sb.alloc().fits(needed)) {
            sb.profile().checkPredictableAtEnospc(ip.extents.mapped() + needed, ip.dax(), g);
            if (!sb.target().fs().isExt4Driver()) {
                return SysRet.error(Errno.ENOSPC);
            }
            // ext4_zero_range() first preallocates the range rounded out to blocks with
            // ext4_alloc_file_blocks(), which keeps what it allocated before it ran out and
            // moves i_size with it; only then does it zero. Found by daxspec explore on 6.18:
            // fill 6, fzero 0 25600 (ENOSPC), then a 2-byte write across block 6 is short.
            SysRet pre = preallocate(ip, off, len, keepSize);
            if (pre.failed()) {
                return pre;
            }
        }
        for (RangeMap.Run<BlockState> hole : Allocator.holes(ip, first, last)) {
            ip.extents.set(hole.start(), hole.end(), BlockState.UNWRITTEN);
        }
        ip.prealloc = true;
        mappings.unmapForHoleChange(ip, off, end, firstFull, endFull, false);
        if (endFull > firstFull) {
            ip.extents.set(firstFull, endFull, BlockState.UNWRITTEN);
            ip.cached.remove(firstFull, endFull);
        }
        if (!keepSize && end > ip.size) {
            eofPage.zeroBeforeGrowth(ip);
            ip.size = end;
        }
        ip.zero(off, len);
        pageCache.markDirty(ip, first, last);
        return SysRet.ZERO;
    }
}

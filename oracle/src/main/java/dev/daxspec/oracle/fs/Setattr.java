package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;

/**
 * ftruncate(2): ext4_setattr() and xfs_setattr_size() changing i_size, with what they
 * take from mappings and blocks past the new EOF (B6, B10). Not thread-safe.
 */
final class Setattr {

    private final SuperBlock sb;
    private final Geometry g;
    private final EofPage eofPage;
    private final PageCache pageCache;
    private final Mappings mappings;

    Setattr(SuperBlock sb, EofPage eofPage, PageCache pageCache, Mappings mappings) {
        this.sb = sb;
        this.g = sb.g();
        this.eofPage = eofPage;
        this.pageCache = pageCache;
        this.mappings = mappings;
    }

    /**
     * ftruncate(2). Shrinking frees every block past the new EOF (preallocated ones too)
     * and zeroes the rest of the new EOF block (ext4_block_truncate_page(),
     * xfs_truncate_page()); growing exposes nothing: bytes past the old EOF read as zero
     * (B6). A truncate to the same size still frees blocks past EOF: ext4_setattr() calls
     * ext4_truncate() "even if i_size didn't change", xfs_setattr_size() calls
     * xfs_itruncate_extents() when {@code newsize <= oldsize}.
     */
    SysRet truncate(Inode ip, long size) {
        if (size < 0) {
            return SysRet.error(Errno.EINVAL);
        }
        if (size > sb.maxBytes()) {
            return SysRet.error(Errno.EFBIG);
        }
        if (size > ip.size) {
            mappings.breakLayouts(ip);
            eofPage.zeroBeforeGrowth(ip);
            ip.size = size;
        } else {
            ip.size = size;
            // truncate_pagecache(): mappings of whole pages past the new EOF go first (B10),
            // private copies of them too (unmap_mapping_range() with even_cows).
            mappings.unmap(ip, g.pagesFor(size), Long.MAX_VALUE / g.pageSize(), true);
            mappings.breakLayouts(ip);
            // The rest of the new EOF block is zeroed where it lives (ext4_block_truncate_page(),
            // xfs_truncate_page()); blocks past it are freed.
            ip.zero(size, g.roundUpToBlock(size) - size);
            pageCache.markDirty(ip, g.blockIndex(size), g.blocksFor(size));
            sb.alloc().free(ip, g.blocksFor(size), Long.MAX_VALUE);
            ip.cached.remove(g.blocksFor(size), Long.MAX_VALUE);
        }
        ip.diskSize = size;
        ip.metadataDirty = true;
        sb.alloc().recharge(ip);
        sb.journal().note();
        return SysRet.ZERO;
    }
}

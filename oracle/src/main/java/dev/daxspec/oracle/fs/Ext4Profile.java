package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.ExtentMap;
import dev.daxspec.oracle.storage.RangeMap;

/**
 * fs/ext4, for ext4 (extent-mapped files) and for ext2 as the ext4 driver mounts it
 * (block-mapped files: no extents, no unwritten blocks, indirect blocks).
 */
enum Ext4Profile implements FsProfile {
    EXTENTS(true),
    BLOCK_MAPPED(false);

    /** EXT4_NDIR_BLOCKS: direct block pointers in an ext2-style inode. */
    private static final int NDIR_BLOCKS = 12;
    /** Extents an inode's i_block holds before the tree needs a leaf block. */
    private static final int INODE_EXTENTS = 4;
    /** EXT_INIT_MAX_LEN and EXT_UNWRITTEN_MAX_LEN (fs/ext4/ext4_extents.h). */
    private static final long MAX_WRITTEN_LEN = 1L << 15;

    private static final long MAX_UNWRITTEN_LEN = (1L << 15) - 1;

    private final boolean extents;

    Ext4Profile(boolean extents) {
        this.extents = extents;
    }

    /** Root is inode 2, lost+found 11 (EXT4_GOOD_OLD_FIRST_INO); the first new file gets 12. */
    @Override
    public long firstFileIno(Geometry g) {
        return 12;
    }

    @Override
    public long maxBytes(Geometry g) {
        int bits = g.blockShift();
        if (extents) {
            // ext4_max_size(): 32-bit logical block numbers, huge_file set by mkfs.ext4.
            return ((1L << 32) - 1) << bits;
        }
        return maxBitmapSize(bits);
    }

    /**
     * ext4_max_bitmap_size() for a block-mapped file on an ext2 filesystem, which mke2fs
     * makes without huge_file: the file's i_blocks (512-byte sectors, data and indirect
     * blocks) must fit in 32 bits.
     */
    private static long maxBitmapSize(int bits) {
        long ppb = 1L << (bits - 2);
        long upper = ((1L << 32) - 1) >> (bits - 9);
        long res = NDIR_BLOCKS + ppb + ppb * ppb + ppb * ppb * ppb;
        long meta = 1 + (1 + ppb) + (1 + ppb + ppb * ppb);
        if (res + meta > upper) {
            res = upper;
            long left = upper - NDIR_BLOCKS;
            meta = 1;
            left -= ppb;
            if (left < ppb * ppb) {
                meta += 1 + ceilDiv(left, ppb);
            } else {
                meta += 1 + ppb;
                left -= ppb * ppb;
                meta += 1 + ceilDiv(left, ppb) + ceilDiv(left, ppb * ppb);
            }
            res -= meta;
        }
        return res << bits;
    }

    /** generic_fillattr(): st_blksize is i_blocksize(). */
    @Override
    public int statBlksize(Geometry g) {
        return g.blockSize();
    }

    /**
     * ext4_getattr() offers APPEND, COMPRESSED, ENCRYPTED, IMMUTABLE, NODUMP and VERITY;
     * vfs_getattr_nosec() and vfs_statx() add AUTOMOUNT, DAX and MOUNT_ROOT.
     */
    @Override
    public long attributesMask() {
        return 0x20 | 0x4 | 0x800 | 0x10 | 0x40 | 0x100000 | 0x1000 | 0x200000 | 0x2000;
    }

    @Override
    public long metadataBlocks(ExtentMap map, Geometry g) {
        return extents ? extentTreeBlocks(map, g) : indirectBlocks(map, g);
    }

    /**
     * Leaf and index blocks of the extent tree: the inode holds four extents; beyond that
     * each leaf holds (blocksize - 12) / 12 of them. Counted as if leaves were full, which
     * is what appending writes produce (ext4_ext_split() puts the new extent alone in the
     * new leaf); a tree that grew by inserts in the middle has half-full leaves, and one
     * that shrank keeps its depth. Neither is modelled.
     */
    private long extentTreeBlocks(ExtentMap map, Geometry g) {
        long n = extentRecords(map);
        long perBlock = (g.blockSize() - 12) / 12;
        long blocks = 0;
        while (n > INODE_EXTENTS) {
            n = ceilDiv(n, perBlock);
            blocks += n;
        }
        return blocks;
    }

    /**
     * Indirect blocks of an ext2-style block map (fs/ext4/indirect.c): one single-indirect
     * block when any of blocks 12 .. 12+ppb-1 is mapped, and so on down the double and
     * triple indirect trees, one block per pointer block that has a mapped block below it.
     */
    private static long indirectBlocks(ExtentMap map, Geometry g) {
        long ppb = g.blockSize() / 4;
        long total = 0;
        long base = NDIR_BLOCKS;
        long span = ppb;
        for (int depth = 1; depth <= 3; depth++) {
            // A depth-d tree covers [base, base + span); a pointer block at level k below
            // its root covers span / ppb^k blocks.
            long per = span;
            for (int level = 0; level < depth; level++) {
                total += blocksWithData(map, base, base + span, per);
                per /= ppb;
            }
            base += span;
            span *= ppb;
        }
        return total;
    }

    /** How many aligned windows of {@code window} blocks in {@code [from, to)} hold a mapped block. */
    private static long blocksWithData(ExtentMap map, long from, long to, long window) {
        long count = 0;
        long lastWindow = -1;
        for (RangeMap.Run<BlockState> r : map.runs(from, to)) {
            if (r.value() == BlockState.DELALLOC) {
                continue;
            }
            long first = (r.start() - from) / window;
            long last = (r.end() - 1 - from) / window;
            if (first == lastWindow) {
                first++;
            }
            if (last >= first) {
                count += last - first + 1;
            }
            lastWindow = Math.max(lastWindow, last);
        }
        return count;
    }

    /**
     * Extents of an extent-mapped file: an extent covers at most 32768 written or 32767
     * unwritten blocks (EXT_INIT_MAX_LEN, EXT_UNWRITTEN_MAX_LEN); delayed blocks have none
     * yet.
     */
    private static long extentRecords(ExtentMap map) {
        return map.records(BlockState.WRITTEN, MAX_WRITTEN_LEN) + map.records(BlockState.UNWRITTEN, MAX_UNWRITTEN_LEN);
    }

    /** ext4_fallocate() and ext4_zero_range(): "Indirect files do not support unwritten extents". */
    @Override
    public boolean preallocates() {
        return extents;
    }

    /**
     * ext4_punch_hole(): nothing is punched at or past i_size, and a hole that extends
     * beyond i_size ends after the page holding i_size, which is one page past a
     * page-aligned i_size:
     * {@code length = inode->i_size + PAGE_SIZE - (inode->i_size & (PAGE_SIZE - 1)) - offset}.
     */
    @Override
    public long punchEnd(long off, long end, long size, Geometry g) {
        if (end > size) {
            return size + g.pageSize() - (size & (g.pageSize() - 1));
        }
        return end;
    }

    @Override
    public long allocationReserve(Geometry g) {
        return 0;
    }

    @Override
    public boolean allocatesPartially() {
        return true;
    }

    /**
     * A file that needs more than one extent's length (32768 blocks) may be split at block
     * group metadata, and a fifth extent takes a leaf block: where that happens depends on
     * the physical layout, which the model does not know. Measured: a 122096-block fill of
     * a 512 MiB ext4 took one leaf block.
     */
    @Override
    public void checkPredictableAtEnospc(long fileBlocks, boolean dax, Geometry g) {
        if (extents && fileBlocks > MAX_WRITTEN_LEN) {
            throw new Unpredictable("ext4 runs out of space in a file of " + fileBlocks + " blocks: past "
                    + MAX_WRITTEN_LEN + " blocks its extents depend on the physical layout; fill the filesystem"
                    + " first so the file stays small");
        }
    }

    /** A new inode comes from the preallocated inode table: creating takes no blocks. */
    @Override
    public void checkCreate(long freeBlocks) {}

    @Override
    public boolean pmdAllocationsAligned() {
        return true;
    }

    /** ext4_set_aops(): "enable delayed allocation by default" except for ext2 and ext3 superblocks. */
    @Override
    public boolean delaysAllocation() {
        return extents;
    }

    /** s_extent_max_zeroout_kb's default. */
    private static final long MAX_ZEROOUT_KB = 32;

    /**
     * ext4_ext_convert_to_initialized(), as a DAX write (EXT4_GET_BLOCKS_CREATE_ZERO)
     * reaches it. When the write starts at the unwritten extent and the block before it
     * is written (or ends at it and the block after is written), the blocks move into
     * that neighbour: the fast path, which needs the two physically contiguous, as the
     * model assumes they are. Otherwise, when the extent lies within i_disksize, up to
     * 32 KiB (s_extent_max_zeroout_kb) of the extent on either side of the write is
     * zeroed and converted with it rather than split off: the tail when the rest of the
     * extent from the write is that short, and the head when the extent up to the end of
     * the (possibly grown) range is shorter still.
     */
    @Override
    public long[] conversion(
            ExtentMap map, long runStart, long runEnd, long mapStart, long mapEnd, long eofBlock, Geometry g) {
        if (!extents) {
            return new long[] {mapStart, mapEnd};
        }
        long mapLen = mapEnd - mapStart;
        long eeLen = runEnd - runStart;
        if (mapStart == runStart && mapLen < eeLen && map.state(runStart - 1) == BlockState.WRITTEN) {
            return new long[] {mapStart, mapEnd};
        }
        if (mapEnd == runEnd && mapLen < eeLen && map.state(runEnd) == BlockState.WRITTEN) {
            return new long[] {mapStart, mapEnd};
        }
        long eof = Math.max(eofBlock, mapEnd);
        long maxZeroout = runEnd <= eof ? MAX_ZEROOUT_KB >> (g.blockShift() - 10) : 0;
        long start = mapStart;
        long len = mapLen;
        long allocated = eeLen - (mapStart - runStart);
        if (maxZeroout > 0 && allocated > len) {
            if (allocated <= maxZeroout) {
                len = allocated;
            }
            if (start - runStart + len < maxZeroout) {
                len += start - runStart;
                start = runStart;
            }
        }
        return new long[] {start, start + len};
    }

    /** iomap sets IOMAP_F_MERGED for block-mapped files (ext4_set_iomap()), reported as FIEMAP_EXTENT_MERGED. */
    @Override
    public int fiemapFlags() {
        return extents ? 0 : FiemapExtent.MERGED;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.ExtentMap;

/** fs/xfs, as mkfs.xfs from xfsprogs 6.1 makes it (v5, 512-byte inodes, reflink on). */
enum XfsProfile implements FsProfile {
    INSTANCE;

    /** Data-fork extent records an inode's literal area holds: (512 - 176) / 16. */
    private static final int INODE_EXTENTS = 21;
    /** XFS_MAX_BMBT_EXTLEN. */
    private static final long MAX_EXTENT_LEN = (1L << 21) - 1;
    /** Long-format btree block header with CRC (XFS_BTREE_LBLOCK_CRC_LEN). */
    private static final int BMBT_BLOCK_HEADER = 72;

    /**
     * The root directory, the realtime bitmap and the realtime summary take the first
     * three inodes of the first inode chunk, and the first file the next one. mkfs.xfs
     * puts that chunk at the first chunk-aligned block after the AG headers and btree
     * roots: AG block 16 with 4 KiB blocks (root inode 128), 32 with 1 KiB blocks (root
     * 64), as measured on the real kernel; an inode number is the AG block times the
     * inodes per block (512-byte inodes).
     */
    @Override
    public long firstFileIno(Geometry g) {
        long perBlock = g.blockSize() / 512;
        long chunkBlocks = Math.max(1, 64 / perBlock);
        long agBlock = Math.max(16, chunkBlocks);
        return agBlock * perBlock + 3;
    }

    /** xfs_max_file_offset() on a 64-bit kernel: MAX_LFS_FILESIZE. */
    @Override
    public long maxBytes(Geometry g) {
        return Long.MAX_VALUE;
    }

    /** xfs_stat_blksize(): {@code max(PAGE_SIZE, sb_blocksize)} without largeio. */
    @Override
    public int statBlksize(Geometry g) {
        return Math.max(g.pageSize(), g.blockSize());
    }

    /**
     * xfs_vn_getattr() offers IMMUTABLE, APPEND and NODUMP; the VFS adds AUTOMOUNT, DAX
     * and MOUNT_ROOT.
     */
    @Override
    public long attributesMask() {
        return 0x10 | 0x20 | 0x40 | 0x1000 | 0x200000 | 0x2000;
    }

    /**
     * bmap btree blocks once the data fork outgrows the inode: one leaf per
     * (blocksize - 72) / 16 records, as if full. Extents are counted as the model's
     * runs; the real fork also splits them at allocation group boundaries.
     */
    @Override
    public long metadataBlocks(ExtentMap map, Geometry g) {
        long n = onDiskRecords(map);
        long perBlock = (g.blockSize() - BMBT_BLOCK_HEADER) / 16;
        long blocks = 0;
        while (n > INODE_EXTENTS) {
            n = (n + perBlock - 1) / perBlock;
            blocks += n;
        }
        return blocks;
    }

    /** On-disk data fork records, runs split at XFS_MAX_BMBT_EXTLEN: delayed extents have none yet. */
    private static long onDiskRecords(ExtentMap map) {
        return map.records(BlockState.WRITTEN, MAX_EXTENT_LEN) + map.records(BlockState.UNWRITTEN, MAX_EXTENT_LEN);
    }

    @Override
    public boolean preallocates() {
        return true;
    }

    /**
     * XFS_DIOSTRAT_SPACE_RES(): XFS_EXTENTADD_SPACE_RES = the data fork's bmap btree
     * levels less one. Measured with 4 KiB blocks: a fill one block at a time stops with
     * 4 blocks free. Other block sizes have other depths (2 KiB: 6 or 7), not measured
     * exactly, so those refuse to predict ENOSPC.
     */
    @Override
    public long allocationReserve(Geometry g) {
        return g.blockSize() == 4096 ? 4 : 0;
    }

    @Override
    public boolean allocatesPartially() {
        return false;
    }

    /**
     * Through the page cache xfs reserves delayed allocations with a worst-case bmap
     * btree allowance (xfs_bmap_worst_indlen()) and speculative preallocation, which the
     * model does not follow; and only 4 KiB blocks have a measured reserve.
     */
    @Override
    public void checkPredictableAtEnospc(long fileBlocks, boolean dax, Geometry g) {
        if (!dax) {
            throw new Unpredictable("xfs runs out of space through the page cache: its delayed-allocation"
                    + " reservations are not modelled");
        }
        if (g.blockSize() != 4096) {
            throw new Unpredictable("xfs runs out of space with " + g.blockSize() + "-byte blocks: the"
                    + " bmap btree reserve is only measured for 4096");
        }
    }

    /** xfs_free_file_space() does not clamp the range to i_size: blocks past EOF go too. */
    @Override
    public long punchEnd(long off, long end, long size, Geometry g) {
        return end;
    }

    /**
     * xfs_create() reserves XFS_CREATE_SPACE_RES blocks (an inode chunk, inobt and finobt
     * splits, a directory entry) and fails with ENOSPC when they are not free, even when
     * the new inode fits in an existing chunk. Measured: it fails with 8 blocks free. The
     * exact threshold depends on the btree geometry, so below 64 the model declines.
     */
    @Override
    public void checkCreate(long freeBlocks) {
        if (freeBlocks < 64) {
            throw new Unpredictable("creating a file on xfs with only " + freeBlocks + " blocks free: xfs_create()"
                    + " reserves XFS_CREATE_SPACE_RES blocks first; create the file before filling the filesystem");
        }
    }

    @Override
    public boolean pmdAllocationsAligned() {
        return false;
    }

    @Override
    public boolean delaysAllocation() {
        return true;
    }

    /** xfs_iomap_write_direct() with XFS_BMAPI_CONVERT converts exactly the mapped blocks. */
    @Override
    public long[] conversion(
            ExtentMap extents, long runStart, long runEnd, long mapStart, long mapEnd, long eofBlock, Geometry g) {
        return new long[] {mapStart, mapEnd};
    }

    @Override
    public int fiemapFlags() {
        return 0;
    }
}

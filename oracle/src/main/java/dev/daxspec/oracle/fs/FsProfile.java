package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.storage.ExtentMap;
import dev.daxspec.oracle.target.Filesystem;

/**
 * What differs between the filesystems in the rules the model shares: inode numbering,
 * limits, the metadata blocks st_blocks counts, preallocation support, and how a hole
 * punch past EOF is clamped. Each implementation cites the kernel code it follows.
 */
sealed interface FsProfile permits Ext4Profile, XfsProfile {

    static FsProfile of(Filesystem fs) {
        return switch (fs) {
            case EXT4 -> Ext4Profile.EXTENTS;
            case EXT2 -> Ext4Profile.BLOCK_MAPPED;
            case XFS -> XfsProfile.INSTANCE;
        };
    }

    /** The inode number the first file created in the root of a fresh filesystem gets. */
    long firstFileIno(Geometry g);

    /** s_maxbytes for a regular file: writes at or past it fail with EFBIG. */
    long maxBytes(Geometry g);

    /** st_blksize of a regular file. */
    int statBlksize(Geometry g);

    /** The statx attributes_mask: what this filesystem and the VFS can report. */
    long attributesMask();

    /** Blocks of file metadata (extent tree, block map, bmap btree) st_blocks counts. */
    long metadataBlocks(ExtentMap extents, Geometry g);

    /** Whether fallocate can preallocate (mode 0, KEEP_SIZE, ZERO_RANGE). */
    boolean preallocates();

    /**
     * The end of the range a hole punch of {@code [off, end)} really frees and zeroes on
     * a file of size {@code size}; {@code off} is below {@code size}.
     */
    long punchEnd(long off, long end, long size, Geometry g);

    /**
     * Free blocks an allocation needs beyond its own: xfs reserves room for bmap btree
     * splits in every allocating transaction; ext4 takes metadata from what is free.
     */
    long allocationReserve(Geometry g);

    /** Whether an allocation that does not fit gets the part that does (ext4) or nothing (xfs). */
    boolean allocatesPartially();

    /**
     * Throws {@link Unpredictable} when running out of space with a file of
     * {@code fileBlocks} would depend on what the model does not know (physical layout,
     * delayed-allocation reservations).
     */
    void checkPredictableAtEnospc(long fileBlocks, boolean dax, Geometry g);

    /**
     * Throws {@link Unpredictable} when creating a file with {@code freeBlocks} free blocks
     * depends on a reservation the model does not know.
     */
    void checkCreate(long freeBlocks);

    /**
     * Whether blocks a PMD write fault allocates come out 2 MiB aligned on the device, so
     * the PMD can map them: ext4's buddy allocator hands out naturally aligned 2 MiB
     * chunks; xfs, with no extent size hint or stripe unit, does not (both measured).
     */
    boolean pmdAllocationsAligned();

    /** Whether buffered writes delay allocation (ext4 and xfs do; ext2 mounted by ext4 does not). */
    boolean delaysAllocation();

    /**
     * The blocks that become written when a DAX write maps blocks {@code [mapStart,
     * mapEnd)} inside the unwritten run {@code [runStart, runEnd)} of a file whose
     * i_disksize ends at block {@code eofBlock}: {@code {start, end}}.
     */
    long[] conversion(
            ExtentMap extents, long runStart, long runEnd, long mapStart, long mapEnd, long eofBlock, Geometry g);

    /** FIEMAP flags every extent of this filesystem carries (MERGED for block-mapped files). */
    int fiemapFlags();
}

package dev.daxspec.oracle.storage;

/**
 * What a filesystem block of a file is, as the extent tree (ext4), the bmap btree (xfs)
 * or the block map (ext2) records it. A block with no state is a hole.
 */
public enum BlockState {
    /**
     * Allocated and marked unwritten (FIEMAP_EXTENT_UNWRITTEN): preallocated by fallocate
     * or zero range; reads return zeros until a write converts it (B8).
     */
    UNWRITTEN,
    /** Allocated and holding file data. */
    WRITTEN,
    /**
     * Reserved by a buffered write but not yet allocated on disk (ext4 and xfs delayed
     * allocation); writeback turns it into {@link #WRITTEN}. Never used on DAX files.
     */
    DELALLOC
}

package dev.daxspec.oracle.fs;

/**
 * One extent as FS_IOC_FIEMAP reports it, in bytes.
 *
 * @param logical file offset
 * @param length bytes
 * @param flags FIEMAP_EXTENT_* bits
 */
public record FiemapExtent(long logical, long length, int flags) {
    public static final int LAST = 0x1;
    public static final int UNWRITTEN = 0x800;
    /** Set by iomap for block-mapped (ext2-style) files: the extent was merged from blocks. */
    public static final int MERGED = 0x1000;

    public boolean unwritten() {
        return (flags & UNWRITTEN) != 0;
    }
}

package dev.daxspec.oracle.fs;

/**
 * The fields of stat(2) and statx(2) the model knows. Times and device numbers are not
 * here: a model cannot know them, and the shared transcript filter removes them from
 * real output (see {@code dev.daxspec.oracle.xfsio.TranscriptFilter}).
 *
 * @param ino the inode number
 * @param mode st_mode, file type bits included
 * @param nlink link count
 * @param size i_size
 * @param blocks st_blocks, in 512-byte units
 * @param blksize st_blksize
 * @param mask the statx result mask
 * @param attributes statx attributes (STATX_ATTR_DAX is 0x200000)
 * @param attributesMask the statx attributes this filesystem can report
 */
public record StatInfo(
        long ino,
        int mode,
        int nlink,
        long size,
        long blocks,
        int blksize,
        int mask,
        long attributes,
        long attributesMask) {

    /** STATX_ATTR_DAX, set when the inode is S_DAX (fs/stat.c). */
    public static final long STATX_ATTR_DAX = 0x200000L;
}

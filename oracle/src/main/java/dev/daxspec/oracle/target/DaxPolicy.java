package dev.daxspec.oracle.target;

/**
 * Which regular files of a mounted filesystem are DAX (S_DAX set on the inode).
 */
public enum DaxPolicy {
    /** Every regular file: {@code dax=always} on a device and block size that allow it. */
    ALWAYS,
    /** Only files whose FS_XFLAG_DAX is set (inherited from the directory): {@code dax=inode}. */
    INODE,
    /** No file: {@code dax=never}, or DAX turned off at mount. */
    NEVER
}

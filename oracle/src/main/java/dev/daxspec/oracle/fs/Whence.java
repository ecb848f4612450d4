package dev.daxspec.oracle.fs;

/** The two lseek(2) whence values that look at a file's layout. */
public enum Whence {
    /** SEEK_DATA: the next offset at or after the given one that holds data. */
    DATA,
    /** SEEK_HOLE: the next offset at or after the given one in a hole; EOF counts as one. */
    HOLE
}

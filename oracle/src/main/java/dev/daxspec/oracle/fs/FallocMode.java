package dev.daxspec.oracle.fs;

/**
 * fallocate(2) mode bits (include/uapi/linux/falloc.h). A mode is a combination of
 * these; 0 allocates and may extend i_size.
 */
public final class FallocMode {
    public static final int KEEP_SIZE = 0x01;
    public static final int PUNCH_HOLE = 0x02;
    public static final int ZERO_RANGE = 0x10;

    private FallocMode() {}
}

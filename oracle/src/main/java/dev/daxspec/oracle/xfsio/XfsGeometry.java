package dev.daxspec.oracle.xfsio;

import dev.daxspec.oracle.target.Target;

/** What xfs_io learns from an xfs filesystem that it does not learn from others. */
final class XfsGeometry {

    /** FS_XFLAG_* letters in io/attr.c's order, for printxattr()'s short form. */
    private static final int FLAG_COUNT = 17;

    private XfsGeometry() {}

    /**
     * The sector size mkfs.xfs chooses (mkfs/xfs_mkfs.c): the device's physical sector
     * size (PAGE_SIZE for pmem and brd, unless above XFS_MAX_SECTORSIZE, 32 KiB), or the
     * logical one (512) when the block size is smaller than that.
     */
    static int sectorSize(Target t) {
        int physical = t.pageSize() > 32768 ? 512 : t.pageSize();
        return t.blockSize() < physical ? 512 : physical;
    }

    /**
     * printxattr(flags, 0, 0, name, 1, 1) without the newline: one letter or '-' per
     * flag in brackets. Only FS_XFLAG_PREALLOC ('p', second) can be set in the model.
     */
    static String printxattr(int xflags) {
        String letters = "rpiasAdtPneEfSxCX";
        int[] bits = {
            0x1,
            0x2,
            0x8,
            0x10,
            0x20,
            0x40,
            0x80,
            0x100,
            0x200,
            0x2000,
            0x800,
            0x1000,
            0x4000,
            0x400,
            0x8000,
            0x10000,
            0x80000000
        };
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < FLAG_COUNT; i++) {
            sb.append((xflags & bits[i]) != 0 ? letters.charAt(i) : '-');
        }
        return sb.append(']').toString();
    }
}

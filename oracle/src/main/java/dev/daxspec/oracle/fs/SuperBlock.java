package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.target.Target;

/**
 * What every system call of one mounted {@link FileSystem} works with, as the kernel's
 * struct super_block carries it: the target and its geometry, the kernel's rules, the
 * filesystem's profile, its free space and its journal.
 */
record SuperBlock(Target target, Geometry g, Kernel kernel, FsProfile profile, Allocator alloc, Journal journal) {

    /** s_maxbytes: the largest file size; a write is cut short there and a truncate past it fails. */
    long maxBytes() {
        if (profile == Ext4Profile.EXTENTS && kernel.has(Bug.EXT4_MAXBYTES_ONE_BLOCK_TOO_BIG)) {
            // The bug: before f17722f917b2 ("ext4: Fix max file size and logical block
            // counting of extent format file", Lukas Czerner, 6 Jun 2011) ext4_max_size()
            // was (2^32 << blkbits) - 1, so a file could reach logical block 2^32-1, and an
            // extent reaching it has a length ee_len cannot hold.
            return (1L << (32 + g.blockShift())) - 1;
        }
        return profile.maxBytes(g);
    }
}

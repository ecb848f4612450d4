package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.target.Target;

/**
 * What every system call of one mounted {@link FileSystem} works with, as the kernel's
 * struct super_block carries it: the target and its geometry, the kernel's rules, the
 * filesystem's profile, its free space and its journal.
 */
record SuperBlock(Target target, Geometry g, Kernel kernel, FsProfile profile, Allocator alloc, Journal journal) {}

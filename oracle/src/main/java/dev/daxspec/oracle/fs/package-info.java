/**
 * What mounting a fresh filesystem does on a target (refused, DAX, or no DAX: B3, B11), then the
 * mounted filesystem and its system calls (ext4, xfs, ext2 as the ext4 driver mounts it):
 * write and read iterators, fallocate and truncate, the journal and what a crash leaves, free
 * space, the page cache and the fault handler, behind the {@link dev.daxspec.oracle.fs.FileSystem}
 * facade. Results are {@link dev.daxspec.oracle.fs.SysRet}s: errno is data, never an exception.
 */
package dev.daxspec.oracle.fs;

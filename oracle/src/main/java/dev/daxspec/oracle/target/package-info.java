/**
 * Where a program runs: a filesystem made fresh on a pmem or brd device, mounted with options,
 * at a block and page size, and which files of the mount are DAX. What mounting does there is
 * the filesystem's ({@link dev.daxspec.oracle.fs.MountRules}).
 */
package dev.daxspec.oracle.target;

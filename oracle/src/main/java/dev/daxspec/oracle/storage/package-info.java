/**
 * The data structures under a file: range maps, the extent map (data, unwritten, delalloc,
 * hole) and the bytes of its blocks as runs of one byte value.
 */
package dev.daxspec.oracle.storage;

/**
 * The memory-management side of a mapped file: mappings (VMAs) and their PTEs and PMDs, a DAX
 * file's mapping entries, and the fs_dax tracepoints a run of faults fires.
 */
package dev.daxspec.oracle.mm;

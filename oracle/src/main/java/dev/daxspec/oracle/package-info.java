/**
 * The oracle: a reference model of the kernel's file, mmap and DAX paths that predicts, byte
 * for byte, what xfs_io prints. The bottom of the pipeline (feature -> compiled scenario ->
 * oracle transcripts -> test case -> suite -> VM); pure and deterministic: no files, no clocks,
 * no Cucumber. {@link dev.daxspec.oracle.Scratch} is its entry point: a fresh filesystem on a
 * target, made and mounted.
 */
package dev.daxspec.oracle;

/**
 * Programs and transcripts: what a test does (make and mount a filesystem, then xfs_io runs,
 * fills, crashes, remounts) and what it prints. The unit the oracle predicts, the emitters render
 * and the VM runs; after a crash, every transcript a correct kernel may print.
 */
package dev.daxspec.oracle.program;

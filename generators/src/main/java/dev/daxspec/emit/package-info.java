/**
 * The emitters: test cases (a program bound to a target with the oracle's transcripts and the
 * recorded deviations) written as a shell or an xfstests suite with golden output and a
 * manifest ({@link dev.daxspec.emit.Suite}). The stage after the compiled scenarios;
 * {@link dev.daxspec.suite} runs what it writes.
 */
package dev.daxspec.emit;

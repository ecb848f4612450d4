/**
 * {@code daxspec conform}: conformance cases ({@code .case} files) or feature scenarios run on
 * the oracle and on a real kernel in the VM, their transcripts compared: PASS, FAIL,
 * KNOWN-DEVIATION or INFRA ({@link dev.daxspec.emit.Verdict}). It holds the oracle to real kernels.
 */
package dev.daxspec.conform;

/**
 * Which kernel the model stands for: the correct one or a variant carrying historical bugs
 * ({@link dev.daxspec.oracle.kernel.Bug}, one switch point each in the oracle), and what correct
 * kernels do differently by release. The kill matrix of {@code daxspec check} runs each variant.
 */
package dev.daxspec.oracle.kernel;

/**
 * {@code daxspec check}: every compiled scenario judged on the correct oracle and on each
 * historical-bug variant (the kill matrix), as text and JUnit XML. Beside the pipeline: it
 * proves the features, and reads them through {@link dev.daxspec.spec}.
 */
package dev.daxspec.check;

/**
 * {@code daxspec report}: the features, the kill matrix, kernel runs (their JUnit files) and
 * explore's findings as a static site that opens from {@code file://}, with a plain-text summary
 * for a mail. The last stage beside the pipeline: it reads what the others wrote.
 */
package dev.daxspec.report;

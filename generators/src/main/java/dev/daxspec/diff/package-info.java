/**
 * The unified diff of two transcripts, as the reports and FAIL lines show it.
 * A utility under every stage that compares transcripts.
 */
package dev.daxspec.diff;

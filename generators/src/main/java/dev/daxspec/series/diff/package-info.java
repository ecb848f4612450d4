/** One file's change as hunks and touched functions, from file contents or patch text. */
package dev.daxspec.series.diff;

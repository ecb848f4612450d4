/**
 * A small C function locator (brace depth, comments, literals, preprocessor
 * lines, signatures), for whole files and for diff fragments, and the
 * reading of function names from hunk headers. Not a C parser.
 */
package dev.daxspec.series.clang;

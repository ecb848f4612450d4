/**
 * The call graph of a tree's C files, built with the function locator of
 * {@code clang}: which function calls which, by name, and what a function
 * reaches within a few calls. {@code impact} selects scenarios through it.
 */
package dev.daxspec.series.calls;

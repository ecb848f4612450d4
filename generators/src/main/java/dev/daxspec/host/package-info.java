/**
 * This machine's own kernel as a scratch target: a sparse image on a loop device, mounted, for
 * {@code explore --against host} and {@code bench}.
 */
package dev.daxspec.host;

/**
 * {@code daxspec explore}: generated programs run on the oracle and on a backend (a variant, this
 * machine's kernel, or a kernel in the VM); every difference confirmed, shrunk and written as a
 * finding; and, for a series, the programs whose output changes between a base and a head kernel.
 */
package dev.daxspec.explore;

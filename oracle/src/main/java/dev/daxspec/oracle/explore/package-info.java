/**
 * Programs the oracle generates for itself: seeded random and bounded-exhaustive programs over
 * the modelled vocabulary, and the shrinker that cuts a failing one down. The source of
 * {@code daxspec explore} ({@link dev.daxspec.explore}), which runs them on a kernel.
 */
package dev.daxspec.oracle.explore;

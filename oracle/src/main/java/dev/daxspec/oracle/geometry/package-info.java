/**
 * The sizes every rule is written against (page, block, PMD) and byte counts as people write
 * them. The lowest package of the oracle: it depends on nothing else of daxspec.
 */
package dev.daxspec.oracle.geometry;

/**
 * Where a program runs: a filesystem made fresh on a pmem or brd device, mounted with options,
 * at a block and page size; and what mounting it does there (refused, DAX, or no DAX: B3, B11).
 */
package dev.daxspec.oracle.target;

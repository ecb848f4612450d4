/**
 * The VM harness: real kernels booted in qemu with pmem and brd, each VM running guest jobs
 * (bash scripts, one phase at a time) and bringing their output and the kernel's log back.
 * Knows nothing of suites or cases: they are payloads and jobs here.
 */
package dev.daxspec.run;

/**
 * A written shell suite run on a real kernel: each test of its manifest
 * ({@link dev.daxspec.emit.Suite}) one guest job in the VM ({@link dev.daxspec.run}), judged
 * PASS, FAIL, NOTRUN, KNOWN-DEVIATION or INFRA. The stage after the emitters; {@code daxspec run}
 * and {@code series} run suites through it.
 */
package dev.daxspec.suite;

/**
 * The picocli commands: each parses its options, calls the stage that does the work and prints
 * its result. The top of the pipeline; nothing imports it. Bad input is one line and exit 2.
 */
package dev.daxspec.cli;

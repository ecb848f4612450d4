/**
 * xfs_io on the model: its command parser (getopt, cvtnum), what each command prints as xfsprogs
 * 6.1 prints it, and the one transcript filter both sides of every comparison go through.
 */
package dev.daxspec.oracle.xfsio;

package dev.daxspec.spec;

/**
 * Where a command sits in a program: the index of its step in {@code Program.steps()} and,
 * for an xfs_io step, the index of the command among its {@code -c} commands (0 for other
 * steps).
 */
public record OpRef(int step, int op) {}

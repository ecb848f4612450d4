package dev.daxspec.oracle.program;

/**
 * One step of a {@link Program} after the filesystem is made and mounted. Its
 * {@code toString()} is the shell command it stands for, with the scratch mount spelled
 * {@code SCRATCH_MNT}: the line a transcript shows before the step's output.
 */
public sealed interface Step permits XfsIoStep, FillStep, CrashStep, RemountStep {}

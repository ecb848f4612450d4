package dev.daxspec.oracle.xfsio;

import dev.daxspec.oracle.mm.FaultTrace;

/**
 * What one xfs_io run prints (stdout and stderr merged as a pipe receives them, already
 * as the shared {@link TranscriptFilter} leaves it) and its exit status: 0, 1 when a
 * command failed, or 128 + the signal that killed it (135 for SIGBUS).
 */
public record XfsIoResult(String output, int exitStatus, FaultTrace trace) {

    /** The exit status a shell reports for a process killed by SIGBUS (128 + 7). */
    public static final int SIGBUS_STATUS = 135;
    /** The exit status a shell reports for a process killed by SIGSEGV (128 + 11). */
    public static final int SIGSEGV_STATUS = 139;
}

package dev.daxspec.oracle.xfsio;

/**
 * What one xfs_io run prints (stdout and stderr merged as a pipe receives them, already
 * as the shared {@link TranscriptFilter} leaves it) and its exit status: 0, 1 when a
 * command failed, or 128 + the signal that killed it (135 for SIGBUS).
 */
public record XfsIoResult(String output, int exitStatus) {

    /** The exit status a shell reports for a process killed by SIGBUS (128 + 7). */
    public static final int SIGBUS_STATUS = 135;
}

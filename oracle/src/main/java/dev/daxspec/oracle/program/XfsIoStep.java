package dev.daxspec.oracle.program;

import dev.daxspec.oracle.xfsio.Invocation;

/**
 * Runs xfs_io once: {@code xfs_io [-f] [-r] -c CMD ... SCRATCH_MNT/FILE}. With
 * {@code traced}, the fs_dax tracepoints its page faults fire are counted and printed
 * after its output (see {@link dev.daxspec.oracle.mm.FaultTrace}); the command line then
 * reads {@code daxspec_trace xfs_io ...}.
 */
public record XfsIoStep(Invocation invocation, boolean traced) implements Step {

    public XfsIoStep(Invocation invocation) {
        this(invocation, false);
    }

    @Override
    public String toString() {
        return (traced ? "daxspec_trace " : "") + invocation.toString().replace("$SCRATCH_MNT", "SCRATCH_MNT");
    }
}

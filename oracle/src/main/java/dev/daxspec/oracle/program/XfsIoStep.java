package dev.daxspec.oracle.program;

import dev.daxspec.oracle.xfsio.Invocation;

/** Runs xfs_io once: {@code xfs_io [-f] [-r] -c CMD ... SCRATCH_MNT/FILE}. */
public record XfsIoStep(Invocation invocation) implements Step {

    @Override
    public String toString() {
        return invocation.toString().replace("$SCRATCH_MNT", "SCRATCH_MNT");
    }
}

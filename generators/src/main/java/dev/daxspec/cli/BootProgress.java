package dev.daxspec.cli;

import dev.daxspec.run.VmEvent;
import java.io.PrintWriter;

/** Tells the boots of a VM run on stderr, each line prefixed with the command's label. */
final class BootProgress {

    private BootProgress() {}

    /**
     * Prints a VM's boot after its first and each restore from its snapshot (a crash, a timeout
     * or a kernel error made it), a snapshot given up, a boot that failed before the guest was
     * ready, and a job run again after infrastructure trouble; ignores every other event.
     */
    static void tell(PrintWriter err, String label, VmEvent event) {
        if (event instanceof VmEvent.Booting b && b.boot() > 1) {
            err.printf("%s: booting VM %d again (boot %d) to run %s%n", label, b.guest(), b.boot(), b.job());
        } else if (event instanceof VmEvent.Restoring r) {
            err.printf(
                    "%s: restoring VM %d from its snapshot (restore %d) to run %s%n",
                    label, r.guest(), r.restore(), r.job());
        } else if (event instanceof VmEvent.SnapshotDropped d) {
            err.printf(
                    "%s: VM %d boots from now on: %s%n",
                    label, d.guest(), d.why().replace("\n", "\n    "));
        } else if (event instanceof VmEvent.BootFailed f) {
            err.printf("%s: VM %d: %s%n", label, f.guest(), f.describe());
        } else if (event instanceof VmEvent.JobRetried r) {
            err.printf(
                    "%s: %s: %s: %s%n    trying once more on a fresh boot%n",
                    label,
                    r.first().id(),
                    r.first().outcome(),
                    r.first().detail().replace("\n", "\n    "));
        } else {
            return;
        }
        err.flush();
    }
}

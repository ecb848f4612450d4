package dev.daxspec.cli;

import dev.daxspec.run.VmEvent;
import java.io.PrintWriter;

/** Tells the boots of a VM run on stderr, each line prefixed with the command's label. */
final class BootProgress {

    private BootProgress() {
    }

    /**
     * Prints a boot after the first (a crash, a timeout or a kernel error made it) and a boot
     * that failed before the guest was ready; ignores every other event.
     */
    static void tell(PrintWriter err, String label, VmEvent event) {
        if (event instanceof VmEvent.Booting b && b.boot() > 1) {
            err.printf("%s: booting again (boot %d) to run %s%n", label, b.boot(), b.job());
        } else if (event instanceof VmEvent.BootFailed f) {
            err.printf("%s: %s%n", label, f.describe());
        } else {
            return;
        }
        err.flush();
    }
}

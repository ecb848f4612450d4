package dev.daxspec.cli;

import dev.daxspec.run.Kernel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose the kernel a VM boots. */
final class VmKernelOptions {

    @Option(names = "--kernel", paramLabel = "PATH",
            description = "The kernel image to boot (a bzImage). Default: the newest installed Debian kernel.")
    Path kernel;

    @Option(names = "--modules", paramLabel = "DIR",
            description = "Its modules tree (INSTALL_MOD_PATH/lib/modules/RELEASE). Needed with --kernel.")
    Path modules;

    Kernel kernel() {
        if (kernel == null && modules == null) {
            return Kernel.newestInstalled();
        }
        if (kernel == null || modules == null) {
            throw new UserError("--kernel and --modules go together: the harness loads the modules the kernel was"
                    + " built with");
        }
        return new Kernel(kernel, modules);
    }
}

package dev.daxspec.cli;

import dev.daxspec.run.KernelBuild;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose the kernel a VM boots. */
final class VmKernelOptions {

    @Option(
            names = "--kernel",
            paramLabel = "PATH",
            description = "The kernel image to boot (a bzImage). Default: the newest installed Debian kernel.")
    Path kernel;

    @Option(
            names = "--modules",
            paramLabel = "DIR",
            description = "Its modules tree (INSTALL_MOD_PATH/lib/modules/RELEASE). Needed with --kernel.")
    Path modules;

    KernelBuild kernel() {
        if (kernel == null && modules == null) {
            return KernelBuild.newestInstalled();
        }
        if (kernel == null || modules == null) {
            throw new UserError(
                    "--kernel and --modules go together: the harness loads the modules the kernel was" + " built with");
        }
        checkImage("--kernel", kernel);
        return new KernelBuild(kernel, modules);
    }

    /**
     * Checks, before anything boots, that a {@code --timeout} (seconds a test or case may
     * run in the VM) is more than 0: the harness would time out every job at once.
     */
    static void checkTimeout(int seconds) {
        if (seconds <= 0) {
            throw new UserError("--timeout " + seconds + ": a number of seconds, more than 0");
        }
    }

    /**
     * Checks, before anything boots, that {@code image} is an x86 boot image: the
     * {@code HdrS} signature of the boot protocol's setup header at offset 0x202
     * (Documentation/arch/x86/boot.rst), which every bzImage and Debian vmlinuz carries.
     */
    static void checkImage(String option, Path image) {
        byte[] head = new byte[0x206];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(image)) {
            if (in.readNBytes(head, 0, head.length) == head.length
                    && head[0x202] == 'H'
                    && head[0x203] == 'd'
                    && head[0x204] == 'r'
                    && head[0x205] == 'S') {
                return;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(option + " " + image + ": no such file");
        } catch (java.io.IOException e) {
            throw new UserError(option + " " + image + ": cannot read it: " + e.getMessage());
        }
        throw new UserError(option + " " + image + ": not a kernel image (no x86 boot header 'HdrS' at 0x202;"
                + " give arch/x86/boot/bzImage or /boot/vmlinuz-RELEASE)");
    }
}

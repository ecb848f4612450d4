package dev.daxspec.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The qemu command line of one boot.
 *
 * <p>All guest RAM is a shared file ({@code ramFile}), so what the guest wrote survives the end of
 * one qemu process into the next; {@code memmap=} turns the RAM above 4 GiB into {@code
 * /dev/pmem0}, which the firmware and the kernel's loader never touch (qemu puts the initramfs
 * below 2 GiB), so it keeps its contents from boot to boot. {@code -no-reboot} makes a guest reset
 * (sysrq b, a panic with {@code panic=-1}) end qemu. The console is ttyS0, the result port ttyS1
 * (a file), the job port ttyS2 (a Unix socket qemu listens on, which the host connects to and
 * writes phases into; see {@link JobPort}); the QMP monitor is another socket ({@link Qmp}), for
 * saving the booted guest and restoring it ({@link Snapshot}).
 * The CPU has RDRAND so the kernel's random pool is ready at once: without it, every UUID that
 * mkfs makes waits about a second for entropy (mkfs.ext4 takes 4 s instead of 0.15 s).
 *
 * @param boot what {@code -kernel} loads: the kernel's bzImage or the vmlinux in it ({@link BootImage})
 */
record QemuCommand(String qemu, KernelBuild kernel, Path boot, VmOptions options, Path initrd, Path ramFile) {

    /** The same command with the guest RAM in {@code file}: each VM of a pool has its own. */
    QemuCommand withRamFile(Path file) {
        return new QemuCommand(qemu, kernel, boot, options, initrd, file);
    }

    /**
     * The argument list of a boot that writes its console to {@code console} and its results to
     * {@code results}, and takes its jobs from the Unix socket {@code jobs}, which qemu makes;
     * its QMP monitor listens on the Unix socket {@code monitor}. With {@code incoming} it does
     * not boot but waits for a {@link Snapshot} to be loaded.
     */
    List<String> arguments(Path console, Path results, Path jobs, Path monitor, boolean incoming) {
        long ramMiB = options.memoryGiB() * 1024L + options.pmemMiB();
        List<String> args = new ArrayList<>();
        args.addAll(List.of(
                qemu,
                "-accel",
                "tcg",
                "-cpu",
                "qemu64,+rdrand",
                "-smp",
                Integer.toString(options.cpus()),
                "-m",
                ramMiB + "M",
                "-machine",
                "pc,max-ram-below-4g=" + options.memoryGiB() + "G,memory-backend=ram",
                "-object",
                "memory-backend-file,id=ram,size=" + ramMiB + "M,mem-path=" + value(ramFile) + ",share=on",
                "-kernel",
                boot.toString(),
                "-initrd",
                value(initrd),
                "-append",
                kernelCommandLine(),
                "-nodefaults",
                "-display",
                "none",
                "-serial",
                "file:" + value(console),
                "-serial",
                "file:" + value(results),
                "-chardev",
                "socket,id=jobs,path=" + value(jobs) + ",server=on,wait=off",
                "-serial",
                "chardev:jobs",
                "-qmp",
                "unix:" + value(monitor) + ",server=on,wait=off",
                "-no-reboot"));
        if (incoming) {
            // A restore: qemu waits for the saved device state (Snapshot.resume) instead of booting.
            args.addAll(List.of("-incoming", "defer"));
        }
        return args;
    }

    /** The kernel command line: console, pmem and brd. */
    String kernelCommandLine() {
        return String.join(
                " ",
                "console=ttyS0",
                "memmap=" + options.pmemMiB() + "M!4G",
                "quiet",
                "panic=-1",
                // Under TCG a loaded host can starve a vCPU for tens of seconds, and the
                // soft-lockup detector then reports a lockup in whatever waits for it (seen:
                // 45 s in text_poke_bp() while enabling the fs_dax tracepoints). The largest
                // threshold, 60 (a lockup after 120 s), leaves real hangs to the per-phase
                // timeout and to a detector that still fires.
                "watchdog_thresh=60",
                // check_timer() counts timer ticks over a busy wait to test the IO-APIC timer
                // routing; a starved TCG vCPU misses them, and the boot then hung past 120 s after
                // "MP-BIOS bug: 8254 timer not connected to IO-APIC" (seen at load 19). Virtual
                // machines commonly skip the check.
                "no_timer_check",
                // The clocksource watchdog compares the TSC with the HPET; a vCPU the host
                // starves (or a guest restored from its snapshot) makes a reading look long, and
                // it prints "clocksource: Long readout interval, skipping watchdog check" at
                // warning level, into whatever kernel log a test was reading (seen: a mount's, in
                // conform at load 22). The TSC under TCG is qemu's, steady: nothing to verify.
                "tsc=reliable",
                // No address space randomization (randomize_va_space=0): TCG keys the code it
                // has translated by virtual address, so a shared library mapped at a new address
                // in every process is translated again in every process. Measured in the guest
                // (6.1, qemu 7.2): xfs_io -c quit 67 ms with it, 25 ms without; mkfs.ext4 115
                // and 30 ms; mount 126 and 56 ms. A DAX mapping of 2 MiB or more is still
                // aligned by thp_get_unmapped_area(). Without randomization the vDSO would be
                // placed by get_unmapped_area() too, just below mmap_base, where daxspec-probe's
                // first mapping then lands beside it and shares its page table (found by explore:
                // a fault past EOF in a one-page private mapping fired dax_pte_fault_done, not
                // dax_pmd_fault_done; see Mapping.ownPageTables()). With no vDSO (glibc then makes
                // the clock_gettime() syscall) the probe's mappings are alone, as they are with
                // randomization, where 6.1's vdso_addr() puts the vDSO above the stack.
                "norandmaps",
                "vdso=0",
                "brd.rd_nr=1",
                "brd.rd_size=" + options.brdMiB() * 1024L);
    }

    /** A path as a qemu option value: commas doubled. */
    private static String value(Path path) {
        return path.toString().replace(",", ",,");
    }
}

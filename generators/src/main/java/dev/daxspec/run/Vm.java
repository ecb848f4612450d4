package dev.daxspec.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs {@link GuestJob jobs} in a real kernel under qemu (software emulation, no KVM needed), with
 * {@code /dev/pmem0} (DAX-capable persistent memory from {@code memmap=}) and {@code /dev/ram0}
 * (brd) in the guest and an empty {@code /mnt/scratch} to mount them on, on as many VMs side by
 * side as {@link VmOptions#guests()} says ({@link VmPool}).
 *
 * <p>What a run needs: {@code qemu-system-x86_64}, {@code bash}, and what {@code ci/vm/setup}
 * installs for {@code ci/vm/mkinitramfs} (busybox-static, xfsprogs, e2fsprogs, ...). The initramfs
 * is cached under {@code ~/.cache/daxspec/initramfs}; each VM's RAM is a file in {@code /dev/shm}
 * and the logs are in a temporary directory, all deleted when the pool closes (or, if the JVM was
 * killed outright, by the next run). qemu never outlives the pool: it is killed on every way out,
 * by a shutdown hook while a pool is open, and by the kernel if the JVM is killed outright (where
 * {@code setpriv} exists).
 *
 * <p>Immutable and thread-safe.
 */
public final class Vm {

    private static final String QEMU = "qemu-system-x86_64";

    private final KernelBuild kernel;
    private final VmOptions options;

    /** A VM that boots {@code kernel} with {@code options}. */
    public Vm(KernelBuild kernel, VmOptions options) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Runs {@code jobs} with no payload and no progress reports. */
    public RunResult run(List<GuestJob> jobs) {
        return run(jobs, Optional.empty(), event -> {});
    }

    /**
     * Runs {@code jobs} on a pool opened for them and closed after, and returns one result per
     * job, in the same order (see {@link VmPool#run}).
     *
     * @param payload a directory whose tree the guest sees under {@code /payload}
     * @param progress told of boots and jobs as they happen
     * @throws VmException when qemu or the initramfs tools are missing or the payload cannot be read
     */
    public RunResult run(List<GuestJob> jobs, Optional<Path> payload, Consumer<? super VmEvent> progress) {
        if (jobs.isEmpty()) {
            return new RunResult(List.of(), new RunFigures(0, 0, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        }
        try (VmPool pool = open(payload)) {
            return pool.run(jobs, progress);
        }
    }

    /**
     * Opens a pool of VMs that boot this kernel with the guest seeing {@code payload} under
     * {@code /payload}; no VM boots before it has a job.
     *
     * @throws VmException when qemu or the initramfs tools are missing or the payload cannot be read
     */
    public VmPool open(Optional<Path> payload) {
        Path qemu =
                Executables.find(QEMU).orElseThrow(() -> new VmException(QEMU + " is not installed; run ci/vm/setup"));
        RunFiles files = RunFiles.create();
        try {
            Path initrd = initrd(payload, files.workDir());
            Path boot = BootImage.of(kernel, UserCache.directory("vmlinux"));
            return new VmPool(new QemuCommand(qemu.toString(), kernel, boot, options, initrd, files.ramFile(1)), files);
        } catch (IOException e) {
            files.delete();
            throw new VmException("VM run failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            files.delete();
            throw e;
        }
    }

    /** The cached base image with the payload appended. */
    private Path initrd(Optional<Path> payload, Path workDir) throws IOException {
        Path base = Initramfs.build(kernel.modules(), options.tools(), workDir);
        Path initrd = workDir.resolve("initrd.img");
        Files.copy(base, initrd);
        try (OutputStream out = Files.newOutputStream(initrd, StandardOpenOption.APPEND)) {
            PayloadArchive.write(payload, out);
        }
        return initrd;
    }
}

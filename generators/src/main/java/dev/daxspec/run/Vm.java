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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs {@link GuestJob jobs} in a real kernel under qemu (software emulation, no KVM needed), with
 * {@code /dev/pmem0} (DAX-capable persistent memory from {@code memmap=}) and {@code /dev/ram0}
 * (brd) in the guest and an empty {@code /mnt/scratch} to mount them on.
 *
 * <p>What a run needs: {@code qemu-system-x86_64}, {@code bash}, and what {@code ci/vm/setup}
 * installs for {@code ci/vm/mkinitramfs} (busybox-static, xfsprogs, e2fsprogs, ...). The initramfs
 * is cached under {@code ~/.cache/daxspec/initramfs}; the guest RAM is a file in {@code /dev/shm}
 * and the logs are in a temporary directory, both deleted when the run ends (or, if the JVM was
 * killed outright, by the next run). qemu never outlives the run: it is killed on every way out of
 * {@link #run}, by a shutdown hook while a run is on, and by the kernel if the JVM is killed
 * outright (where {@code setpriv} exists).
 *
 * <p>Immutable. Each {@link #run} boots its own VMs with its own files, so runs may go on in
 * parallel from several threads (each takes the machine's CPUs, though).
 */
public final class Vm {

    private static final String QEMU = "qemu-system-x86_64";

    private final Kernel kernel;
    private final VmOptions options;

    /** A VM that boots {@code kernel} with {@code options}. */
    public Vm(Kernel kernel, VmOptions options) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Runs {@code jobs} with no payload and no progress reports. */
    public RunResult run(List<GuestJob> jobs) {
        return run(jobs, Optional.empty(), event -> {});
    }

    /**
     * Runs {@code jobs} in order and returns one result per job, in the same order. A job that
     * times out, upsets the kernel or loses its VM fails alone; the next one runs after a fresh
     * boot.
     *
     * @param payload a directory whose tree the guest sees under {@code /payload}
     * @param progress told of boots and jobs as they happen, on this thread
     * @throws VmException when qemu or the initramfs tools are missing or the payload cannot be read
     */
    public RunResult run(
            List<GuestJob> jobs, Optional<Path> payload, Consumer<? super VmEvent> progress) {
        long started = System.nanoTime();
        List<GuestJob> todo = List.copyOf(jobs);
        if (todo.isEmpty()) {
            return new RunResult(List.of(), new RunFigures(0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        }
        Path qemu = Executables.find(QEMU)
                .orElseThrow(() -> new VmException(QEMU + " is not installed; run ci/vm/setup"));
        RunFiles files = RunFiles.create();
        AtomicReference<Session> session = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            abort(session.get());
            files.delete();
        }, "daxspec-vm-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Path initrd = initrd(todo, payload, files.workDir());
            QemuCommand command =
                    new QemuCommand(qemu.toString(), kernel, options, initrd, files.ramFile());
            session.set(new Session(todo, command, files.workDir(), progress));
            List<GuestResult> results = session.get().run();
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            return new RunResult(results, session.get().figures(wall));
        } catch (IOException e) {
            throw new VmException("VM run failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException("VM run interrupted", e);
        } finally {
            abort(session.get());
            files.delete();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing left to undo
            }
        }
    }

    /** The cached base image with this run's jobs and payload appended. */
    private Path initrd(List<GuestJob> jobs, Optional<Path> payload, Path workDir)
            throws IOException {
        Path base = Initramfs.build(kernel.modules(), workDir);
        Path initrd = workDir.resolve("initrd.img");
        Files.copy(base, initrd);
        try (OutputStream out = Files.newOutputStream(initrd, StandardOpenOption.APPEND)) {
            JobArchive.write(jobs, payload, out);
        }
        return initrd;
    }

    private static void abort(Session session) {
        if (session != null) {
            session.abort();
        }
    }
}

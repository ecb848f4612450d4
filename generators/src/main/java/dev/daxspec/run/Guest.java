package dev.daxspec.run;

import dev.daxspec.run.GuestResult.Outcome;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One VM of a {@link VmPool}: a qemu that boots once and runs job after job, one phase at a time
 * as the guest asks for them on its {@link JobPort}. Between two phases of a job the machine
 * crashes: with {@link VmOptions#crashesInPlace()} in the running guest ({@link #crash}), else by
 * a reset. It starts afresh, on the same RAM file (so {@code /dev/pmem0} keeps its contents),
 * only where the guest must: after such a reset, a kernel error, a timeout or a qemu that died. With {@link
 * VmOptions#snapshots()} it saves the guest once, after the first boot, when the guest first asks
 * for work, and starting afresh is restoring that {@link Snapshot} (about a second) instead of a
 * boot (about 8 s under TCG); a snapshot that cannot be taken or restored is dropped, with a
 * {@link VmEvent.SnapshotDropped}, and the VM boots from then on. With {@link
 * VmOptions#snapshotCache()} its first start is a restore too where an earlier run left a guest
 * booted the same way ({@link SnapshotCache}), and the snapshot it takes is kept for later runs;
 * a cached snapshot that cannot be restored is removed from the cache and the VM boots.
 *
 * <p>A boot that ends, or runs past the boot timeout, before the guest is ready, with no kernel
 * report on its console, ran nothing: it is tried once more for the same phase
 * ({@link VmEvent.BootFailed}). When that one fails too the job is {@link Outcome#VM_FAILED} and
 * this VM is {@link #broken()}: it takes no more jobs.
 *
 * <p>Not thread-safe: one pool worker drives it; {@link #abort} may be called from any thread.
 */
final class Guest {

    /**
     * How often the result port, qemu's exit and its sockets are looked at. A job waits for the
     * host twice (its script, then its end is seen): at 20 ms that was up to 40 ms of a job of
     * about 0.15 s under TCG. At 2 ms a VM's thread wakes 500 times a second, which the host
     * does not notice beside its qemu.
     */
    private static final Duration POLL = Duration.ofMillis(2);

    private static final int CONSOLE_TAIL = 30;
    /** A brd device's kernel name, as in {@code /dev/ram0} or {@code /sys/block/ram1}. */
    private static final Pattern BRD_NAME = Pattern.compile("ram[0-9]");

    private final int number;
    private final QemuCommand command;
    private final Path workDir;
    private final VmOptions options;
    private final Consumer<VmEvent> events;
    private final BootTimes times;
    private volatile boolean aborted;
    private volatile QemuProcess qemu;
    private Boot boot;
    private int boots;
    private int restores;
    private boolean broken;
    private Snapshot snapshot;
    /** Whether {@link #snapshot} is this VM's own, which it deletes, or one of the cache's. */
    private boolean ownSnapshot;

    private boolean snapshotDropped;
    private final Optional<SnapshotCache> cache;
    private final CrashImage crashImage;
    private final boolean crashesInPlace;
    /** Whether brd is built into the kernel, so that only a reset empties it. */
    private final boolean brdBuiltIn;

    /** Thrown where the pool was aborted (an interrupt, a shutdown): no verdict for what was cut short. */
    static final class Aborted extends Exception {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("the run was stopped", null, false, false);
        }
    }

    /**
     * @param number this VM's number in its pool, from 1
     * @param command the qemu command line, with this VM's own RAM file
     * @param events told of boots and phases, as they happen
     * @param times where boots that reached the guest are counted
     */
    Guest(int number, QemuCommand command, Path workDir, Consumer<VmEvent> events, BootTimes times) {
        this.number = number;
        this.command = command;
        this.workDir = workDir;
        this.options = command.options();
        this.events = events;
        this.times = times;
        this.cache = options.snapshotCache().map(dir -> new SnapshotCache(dir, command));
        this.crashImage =
                new CrashImage(command.ramFile(), (long) options.memoryGiB() << 30, (long) options.pmemMiB() << 20);
        this.crashesInPlace = options.crashesInPlace();
        this.brdBuiltIn = command.kernel().builtIn("brd");
    }

    /** True once two boots in a row never reached the guest: this VM runs nothing more. */
    boolean broken() {
        return broken;
    }

    /**
     * Runs {@code job}, number {@code index} of its run, booting where needed.
     *
     * @throws Aborted when {@link #abort} was called meanwhile
     */
    GuestResult run(int index, GuestJob job) throws IOException, InterruptedException, Aborted {
        List<GuestPhaseResult> done = new ArrayList<>();
        int lostRequests = 0;
        int phases = job.phases().size();
        int phase = 0;
        while (phase < phases) {
            if (boot == null) {
                Optional<GuestResult> failed = bootFor(job, phase, done);
                if (failed.isPresent()) {
                    return failed.get();
                }
            }
            Optional<String> noRequest = awaitWant();
            if (noRequest.isEmpty() && snapshot == null && !snapshotDropped && options.snapshots()) {
                if (!save()) {
                    continue;
                }
            }
            boolean last = phase + 1 == phases;
            if (noRequest.isEmpty()) {
                noRequest = send(index, phase, last, job.phases().get(phase));
            }
            if (noRequest.isPresent()) {
                // The guest did not come back for more after the job before (its unmount hung,
                // or qemu died in between): that boot is of no use, and this job never started.
                stop();
                if (++lostRequests == 2) {
                    return new GuestResult(
                            job.id(), done, Outcome.VM_FAILED, noRequest.get() + ", twice before phase " + phase);
                }
                continue;
            }
            Duration limit = job.timeoutOr(options.jobTimeout());
            PhaseEnd end = follow(index, job, phase, limit);
            if (end.failure().isPresent()) {
                return result(job, done, end.failure().get());
            }
            GuestSignal.End e = end.end();
            done.add(e.result());
            if (e.kernelError()) {
                String log = e.result().kernelLog();
                awaitReset();
                return new GuestResult(
                        job.id(),
                        done,
                        Outcome.KERNEL_ERROR,
                        KernelErrors.firstReport(log).orElse(log));
            }
            if (!last) {
                crash(job);
            }
            phase++;
        }
        return new GuestResult(job.id(), done, Outcome.COMPLETED, "");
    }

    /** Tells the guest to power off and stops its qemu; a job it was running gets no result. */
    void close() {
        Boot b = boot;
        if (b != null) {
            try {
                b.port.sendQuit();
            } catch (IOException e) {
                // qemu is going anyway
            }
        }
        abort();
    }

    /** Kills qemu at once and waits for it to go; every later call of {@link #run} throws {@link Aborted}. */
    void abort() {
        QemuProcess q;
        synchronized (this) {
            aborted = true;
            q = qemu;
        }
        if (q != null) {
            q.destroy();
        }
    }

    /** How a phase ended: the guest's END, or the job's failure. */
    private record PhaseEnd(GuestSignal.End end, Optional<Failure> failure) {}

    /** Why a job failed, before the phases that finished are added. */
    private record Failure(Outcome outcome, String detail) {}

    private GuestResult result(GuestJob job, List<GuestPhaseResult> done, Failure failure) {
        return new GuestResult(job.id(), done, failure.outcome(), failure.detail());
    }

    /**
     * Boots until the guest is ready, once more after a boot that ran nothing.
     *
     * @return the job's result when it cannot run: a kernel report on the console, or two boots
     *     that never reached the guest
     */
    private Optional<GuestResult> bootFor(GuestJob job, int phase, List<GuestPhaseResult> done)
            throws IOException, InterruptedException, Aborted {
        if (snapshot == null && !snapshotDropped && options.snapshots()) {
            // A guest an earlier run booted with the same kernel, image and command line.
            snapshot = cache.flatMap(SnapshotCache::find).orElse(null);
            ownSnapshot = false;
        }
        if (snapshot != null) {
            Optional<String> failed = restore(job, phase);
            if (failed.isEmpty()) {
                return Optional.empty();
            }
            if (ownSnapshot) {
                drop(failed.get());
            } else {
                // The cache's entry is of no use: this VM boots, and publishes its own instead.
                events.accept(new VmEvent.SnapshotDropped(number, "the cached snapshot: " + failed.get()));
                snapshot = null;
                cache.ifPresent(SnapshotCache::remove);
            }
        }
        for (int attempt = 1; ; attempt++) {
            checkAborted();
            int n = ++boots;
            events.accept(new VmEvent.Booting(number, n, job.id(), phase));
            Path console = workDir.resolve("console-" + number + "-" + n + ".log");
            Path results = workDir.resolve("results-" + number + "-" + n + ".log");
            long started = System.nanoTime();
            Boot b = start(console, results, "qemu-" + number + "-" + n + ".log", false);
            Deadline deadline = new Deadline(b.qemu.pid(), options.bootTimeout());
            String why = b.connect(deadline);
            if (why == null) {
                Wait w = next(b, deadline);
                if (w instanceof Wait.Got g && g.signal() instanceof GuestSignal.Ready r) {
                    Duration wall = Duration.ofNanos(System.nanoTime() - started);
                    times.add(r.uptime(), wall);
                    events.accept(new VmEvent.Booted(number, n, r.uptime(), wall));
                    boot = b;
                    return Optional.empty();
                }
                why = describe(w, b, "the guest was not ready within " + deadline.describe());
            }
            boot = b; // so that stop() closes its ports and its result file too
            stop();
            checkAborted();
            String log = consoleText(console);
            Optional<String> report = KernelErrors.firstReport(log);
            if (report.isPresent()) {
                return Optional.of(new GuestResult(job.id(), done, Outcome.KERNEL_ERROR, report.get()));
            }
            String failure = "boot " + n + ": " + why + "; console ends:\n" + KernelLog.tail(log, CONSOLE_TAIL);
            if (attempt == 1) {
                // Nothing ran, and the kernel reported nothing: qemu or the host failed, not a
                // job, so the same phase gets one more boot. CI saw this once in 30 boots with
                // 2 vCPUs (text_poke_bp() starved while enabling the fs_dax tracepoints).
                events.accept(new VmEvent.BootFailed(number, n, failure));
                continue;
            }
            broken = true;
            return Optional.of(new GuestResult(job.id(), done, Outcome.VM_FAILED, failure));
        }
    }

    /** Starts qemu for a boot or, with {@code incoming}, a restore; not connected yet. */
    private Boot start(Path console, Path results, String log, boolean incoming) throws IOException, Aborted {
        Path socket = workDir.resolve("jobs-" + number + ".sock");
        Path monitor = workDir.resolve("qmp-" + number + ".sock");
        Files.deleteIfExists(socket);
        Files.deleteIfExists(monitor);
        synchronized (this) {
            // Under the lock abort() takes: no qemu starts after an abort has killed the last.
            checkAborted();
            Boot b = new Boot(
                    QemuProcess.start(
                            command.arguments(console, results, socket, monitor, incoming), workDir.resolve(log)),
                    console,
                    results,
                    socket,
                    monitor);
            qemu = b.qemu;
            return b;
        }
    }

    /**
     * Restores the snapshot for phase {@code phase} of {@code job}: the guest goes on waiting for
     * work where it was saved.
     *
     * @return empty when the guest runs again, else why not (with the end of its console)
     */
    private Optional<String> restore(GuestJob job, int phase) throws IOException, InterruptedException, Aborted {
        checkAborted();
        int n = ++restores;
        events.accept(new VmEvent.Restoring(number, n, job.id(), phase));
        Path console = workDir.resolve("console-" + number + "-r" + n + ".log");
        Path results = workDir.resolve("results-" + number + "-r" + n + ".log");
        long started = System.nanoTime();
        try {
            if (!Files.exists(command.ramFile())) {
                // A first start from the cache: qemu has not made the RAM file yet. Sparse, so
                // pmem is empty, as qemu would make it.
                try (RandomAccessFile ram =
                        new RandomAccessFile(command.ramFile().toFile(), "rw")) {
                    ram.setLength((options.memoryGiB() * 1024L + options.pmemMiB()) << 20);
                }
            }
            snapshot.restoreRam(command.ramFile());
        } catch (IOException e) {
            return Optional.of("restore " + n + ": " + e.getMessage());
        }
        Boot b = start(console, results, "qemu-" + number + "-r" + n + ".log", true);
        Deadline deadline = new Deadline(b.qemu.pid(), options.bootTimeout());
        String why = b.connect(deadline);
        if (why == null) {
            try {
                snapshot.resume(b.monitor, deadline);
                Duration wall = Duration.ofNanos(System.nanoTime() - started);
                times.addRestore(wall);
                events.accept(new VmEvent.Restored(number, n, wall));
                // It was saved after its first request for work, so that is where it is.
                b.wanting = true;
                boot = b;
                return Optional.empty();
            } catch (IOException e) {
                why = e.getMessage();
            }
        }
        boot = b;
        stop();
        checkAborted();
        return Optional.of(
                "restore " + n + ": " + why + "; console ends:\n" + KernelLog.tail(consoleText(console), CONSOLE_TAIL));
    }

    /**
     * Saves the guest, which has just asked for its first work after a boot.
     *
     * @return true when it still waits for that work, false when the boot was stopped
     */
    private boolean save() throws InterruptedException, Aborted {
        long started = System.nanoTime();
        Deadline deadline = new Deadline(boot.qemu.pid(), options.bootTimeout());
        try {
            snapshot = Snapshot.take(
                    boot.monitor,
                    command.ramFile(),
                    options.memoryGiB() * (1L << 30),
                    workDir.resolve("snapshot-" + number),
                    deadline);
            ownSnapshot = true;
            events.accept(new VmEvent.SnapshotTaken(
                    number, snapshot.savedBytes(), Duration.ofNanos(System.nanoTime() - started)));
            if (cache.isPresent()) {
                try {
                    cache.get().publish(snapshot);
                } catch (IOException e) {
                    // No cache this time (a full or read-only disk): the next run boots.
                }
            }
            return true;
        } catch (IOException e) {
            drop("cannot save the booted guest: " + e.getMessage());
            // The guest may be left stopped: start afresh.
            stop();
            checkAborted();
            return false;
        }
    }

    /** Gives snapshots up for this VM, saying why: it boots from now on. */
    private void drop(String why) {
        if (snapshot != null && ownSnapshot) {
            snapshot.delete();
        }
        snapshot = null;
        snapshotDropped = true;
        events.accept(new VmEvent.SnapshotDropped(number, why));
    }

    /** Waits for the guest's request for work; empty when it came, else why not. */
    private Optional<String> awaitWant() throws IOException, InterruptedException, Aborted {
        if (boot.wanting) {
            return Optional.empty();
        }
        Deadline deadline = new Deadline(boot.qemu.pid(), options.bootTimeout());
        Wait w = next(boot, deadline);
        if (w instanceof Wait.Got g && g.signal() instanceof GuestSignal.Want) {
            boot.wanting = true;
            return Optional.empty();
        }
        return Optional.of(describe(w, boot, "the guest asked for no work within " + deadline.describe()));
    }

    /** Sends a phase to the guest; empty when sent, else why not (qemu went away meanwhile). */
    private Optional<String> send(int index, int phase, boolean last, String script) {
        try {
            boot.port.sendPhase(index, phase, last, script);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("the job port closed (" + e.getMessage() + ")");
        }
    }

    /** Follows phase {@code phase} of job {@code index} from the request to its END. */
    private PhaseEnd follow(int index, GuestJob job, int phase, Duration limit)
            throws IOException, InterruptedException, Aborted {
        Boot b = boot;
        b.wanting = false;
        Deadline deadline = new Deadline(b.qemu.pid(), limit);
        boolean begun = false;
        while (true) {
            Wait w = next(b, deadline);
            if (w instanceof Wait.Got g) {
                GuestSignal s = g.signal();
                if (s instanceof GuestSignal.Begin begin && begin.job() == index && begin.phase() == phase) {
                    begun = true;
                    events.accept(new VmEvent.PhaseStarted(job.id(), phase));
                    continue;
                }
                if (s instanceof GuestSignal.End end && begun && end.job() == index && end.phase() == phase) {
                    return new PhaseEnd(end, Optional.empty());
                }
                w = new Wait.Broken("the guest sent " + s + " while running job " + index + " phase " + phase);
            }
            String marker = "daxspec: job " + index + " phase " + phase + " begin";
            String log = KernelLog.after(consoleText(b.console), marker);
            Optional<String> report = KernelErrors.firstReport(log);
            stop();
            checkAborted();
            if (report.isPresent()) {
                return new PhaseEnd(null, Optional.of(new Failure(Outcome.KERNEL_ERROR, report.get())));
            }
            // What the guest's console printed since the phase began (the whole console's end
            // when the marker never came), so a timeout or a lost VM shows what the kernel said.
            String since = log.isEmpty() ? consoleText(b.console) : log;
            String console = "\nthe console since the phase began:\n" + KernelLog.tail(since, CONSOLE_TAIL);
            if (w instanceof Wait.Overran) {
                return new PhaseEnd(
                        null,
                        Optional.of(new Failure(
                                Outcome.TIMED_OUT,
                                "phase " + phase + " did not finish within " + deadline.describe() + console)));
            }
            return new PhaseEnd(
                    null,
                    Optional.of(
                            new Failure(Outcome.VM_FAILED, describe(w, b, "") + " during phase " + phase + console)));
        }
    }

    /**
     * The crash between two phases of a job; the guest, which ended the phase, waits to be told
     * how. In place ({@link VmOptions#crashesInPlace()}): the host stops the VM, saves pmem
     * ({@link CrashImage}) and lets it go on; the guest unmounts, loads brd again (empty, as a
     * reset leaves it) where the job names brd ({@link #namesBrd}), and asks for work; the host
     * stops it again and puts pmem back over what the unmount wrote. The VM keeps its qemu and the
     * code TCG translated for it, which a reset and a restore lose (measured: 0.3 s for the
     * restore, 0.3 s more before the guest asks for work, and a slower next phase). Where the
     * guest cannot (an unmount fails, the kernel log shows an error: it resets instead), hangs, or
     * qemu is lost, this qemu ends and the VM starts afresh for the next phase, with pmem as saved.
     * Without crashes in place, or where brd must be emptied and is built into the kernel (as
     * ci/vm/kernel.config builds it), the guest resets (sysrq b), which ends qemu.
     */
    private void crash(GuestJob job) throws IOException, InterruptedException, Aborted {
        Boot b = boot;
        boolean emptyBrd = namesBrd(job);
        if (!crashesInPlace || (emptyBrd && brdBuiltIn)) {
            try {
                b.port.sendCrash();
            } catch (IOException e) {
                // qemu went away: it has crashed already
            }
            awaitReset();
            return;
        }
        long started = System.nanoTime();
        try {
            b.monitor.execute("stop");
            crashImage.save();
            b.monitor.execute("cont");
            b.port.sendReset(emptyBrd);
        } catch (IOException e) {
            // qemu went away, or pmem could not be saved: ending qemu now is the crash, and
            // pmem in the RAM file is as the phase left it.
            stop();
            return;
        }
        Wait w = next(b, new Deadline(b.qemu.pid(), options.bootTimeout()));
        if (w instanceof Wait.Got g && g.signal() instanceof GuestSignal.Want) {
            try {
                b.monitor.execute("stop");
                crashImage.restore();
                b.monitor.execute("cont");
                b.wanting = true;
                times.addCrashInPlace(Duration.ofNanos(System.nanoTime() - started));
                return;
            } catch (IOException e) {
                // qemu went away meanwhile: start afresh, below
            }
        }
        stop();
        checkAborted();
        crashImage.restore();
    }

    /**
     * Whether a phase of {@code job} may name a brd device ({@code /dev/ram0}, {@code ram1} in
     * sysfs): only then can anything after the crash see what brd held, so only then must a crash
     * in place empty it. Everything else starts from a mkfs: brd is not emptied between jobs
     * either. A false match costs a reload of brd's module (about 65 ms under TCG), never a
     * wrong result.
     */
    static boolean namesBrd(GuestJob job) {
        return job.phases().stream().anyMatch(p -> BRD_NAME.matcher(p).find());
    }

    /** After a crash or a kernel error the guest resets, which ends qemu: waits for that. */
    private void awaitReset() throws InterruptedException, Aborted {
        Boot b = boot;
        Deadline deadline = new Deadline(b.qemu.pid(), options.bootTimeout());
        while (b.qemu.isAlive() && !deadline.passed()) {
            checkAborted();
            Thread.sleep(POLL.toMillis());
        }
        stop();
    }

    /** Ends the current boot, if any. */
    private void stop() {
        Boot b = boot;
        boot = null;
        QemuProcess q = qemu;
        if (b != null) {
            b.close();
        }
        if (q != null) {
            q.destroy();
        }
    }

    private void checkAborted() throws Aborted {
        if (aborted) {
            throw new Aborted();
        }
    }

    /** What following the result port came to. */
    private sealed interface Wait {
        record Got(GuestSignal signal) implements Wait {}

        record Exited(int status) implements Wait {}

        record Overran() implements Wait {}

        record Broken(String why) implements Wait {}
    }

    /** The next signal of boot {@code b}, or why none came by {@code deadline}. */
    private Wait next(Boot b, Deadline deadline) throws IOException, InterruptedException, Aborted {
        while (true) {
            checkAborted();
            if (!b.pending.isEmpty()) {
                return new Wait.Got(b.pending.poll());
            }
            boolean alive = b.qemu.isAlive();
            for (String line : b.results.newLines()) {
                try {
                    b.decoder.accept(line).ifPresent(b.pending::add);
                } catch (VmException e) {
                    return new Wait.Broken(e.getMessage());
                }
            }
            if (!b.pending.isEmpty()) {
                return new Wait.Got(b.pending.poll());
            }
            if (!alive) {
                return new Wait.Exited(b.qemu.exitValue());
            }
            if (deadline.passed()) {
                return new Wait.Overran();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String describe(Wait w, Boot b, String overran) {
        if (w instanceof Wait.Exited e) {
            String messages = b.qemu.messages();
            return "qemu exited with status " + e.status() + (messages.isEmpty() ? "" : " (" + messages + ")");
        }
        if (w instanceof Wait.Broken broken) {
            return broken.why();
        }
        if (w instanceof Wait.Got g && g.signal() instanceof GuestSignal.Fatal f) {
            return "the guest gave up: " + f.message();
        }
        if (w instanceof Wait.Got g) {
            return "the guest sent " + g.signal() + " out of turn";
        }
        return overran;
    }

    /** One qemu process (a boot or a restore) and what it reports. */
    private final class Boot {
        final QemuProcess qemu;
        final Path console;
        final FileTail results;
        final Path socket;
        final Path monitorSocket;
        final SignalDecoder decoder = new SignalDecoder();
        final ArrayDeque<GuestSignal> pending = new ArrayDeque<>();
        JobPort port;
        Qmp monitor;
        boolean wanting;

        Boot(QemuProcess qemu, Path console, Path results, Path socket, Path monitorSocket) {
            this.qemu = qemu;
            this.console = console;
            this.results = new FileTail(results);
            this.socket = socket;
            this.monitorSocket = monitorSocket;
        }

        /** Connects the job port and the monitor; null when connected, else why not. */
        String connect(Deadline deadline) throws InterruptedException {
            while (true) {
                if (port == null) {
                    port = JobPort.connect(socket).orElse(null);
                }
                if (port != null && monitor == null) {
                    try {
                        monitor = Qmp.connect(monitorSocket).orElse(null);
                    } catch (IOException e) {
                        // A qemu that is exiting resets the socket: try again, so that its exit
                        // (or, if it stays up, the time limit) is what is reported.
                        monitor = null;
                    }
                }
                if (port != null && monitor != null) {
                    return null;
                }
                if (!qemu.isAlive()) {
                    String messages = qemu.messages();
                    return "qemu exited with status " + qemu.exitValue()
                            + (messages.isEmpty() ? "" : " (" + messages + ")");
                }
                if (deadline.passed()) {
                    return "the guest was not ready within " + deadline.describe()
                            + (port == null ? " (qemu opened no job port)" : " (qemu opened no monitor)");
                }
                Thread.sleep(POLL.toMillis());
            }
        }

        void close() {
            if (port != null) {
                port.close();
            }
            if (monitor != null) {
                monitor.close();
            }
            try {
                results.close();
            } catch (IOException e) {
                // nothing was written through it
            }
        }
    }

    private static String consoleText(Path console) {
        try {
            return Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}

package dev.daxspec.run;

import dev.daxspec.run.GuestResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One VM of a {@link VmPool}: a qemu that boots once and runs job after job, one phase at a time
 * as the guest asks for them on its {@link JobPort}. It boots again, on the same RAM file (so
 * {@code /dev/pmem0} keeps its contents), only where the guest must start afresh: between two
 * phases of a job (the guest crashes itself), after a kernel error, a timeout or a qemu that died.
 *
 * <p>A boot that ends, or runs past the boot timeout, before the guest is ready, with no kernel
 * report on its console, ran nothing: it is tried once more for the same phase
 * ({@link VmEvent.BootFailed}). When that one fails too the job is {@link Outcome#VM_FAILED} and
 * this VM is {@link #broken()}: it takes no more jobs.
 *
 * <p>Not thread-safe: one pool worker drives it; {@link #abort} may be called from any thread.
 */
final class Guest {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final int CONSOLE_TAIL = 30;

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
    private boolean broken;

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
                awaitReset();
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
        for (int attempt = 1; ; attempt++) {
            checkAborted();
            int n = ++boots;
            events.accept(new VmEvent.Booting(number, n, job.id(), phase));
            Path console = workDir.resolve("console-" + number + "-" + n + ".log");
            Path results = workDir.resolve("results-" + number + "-" + n + ".log");
            Path socket = workDir.resolve("jobs-" + number + ".sock");
            Files.deleteIfExists(socket);
            long started = System.nanoTime();
            Boot b;
            synchronized (this) {
                // Under the lock abort() takes: no qemu starts after an abort has killed the last.
                checkAborted();
                b = new Boot(
                        QemuProcess.start(
                                command.arguments(console, results, socket),
                                workDir.resolve("qemu-" + number + "-" + n + ".log")),
                        console,
                        results);
                qemu = b.qemu;
            }
            Deadline deadline = new Deadline(b.qemu.pid(), options.bootTimeout());
            String why = b.connect(socket, deadline);
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
            b.port.close();
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

    /** One qemu process and what it reports. */
    private final class Boot {
        final QemuProcess qemu;
        final Path console;
        final FileTail results;
        final SignalDecoder decoder = new SignalDecoder();
        final ArrayDeque<GuestSignal> pending = new ArrayDeque<>();
        JobPort port;
        boolean wanting;

        Boot(QemuProcess qemu, Path console, Path results) {
            this.qemu = qemu;
            this.console = console;
            this.results = new FileTail(results);
        }

        /** Connects the job port; null when connected, else why not. */
        String connect(Path socket, Deadline deadline) throws InterruptedException {
            while (true) {
                Optional<JobPort> p = JobPort.connect(socket);
                if (p.isPresent()) {
                    port = p.get();
                    return null;
                }
                if (!qemu.isAlive()) {
                    String messages = qemu.messages();
                    return "qemu exited with status " + qemu.exitValue()
                            + (messages.isEmpty() ? "" : " (" + messages + ")");
                }
                if (deadline.passed()) {
                    return "the guest was not ready within " + deadline.describe() + " (qemu opened no job port)";
                }
                Thread.sleep(POLL.toMillis());
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

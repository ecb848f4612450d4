package dev.daxspec.run;

import dev.daxspec.run.GuestResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run of jobs: boots qemu as often as needed and turns what the guest reports into results.
 *
 * <p>A boot runs jobs from a given job and phase until the guest powers off (all done), resets
 * (a crash between phases, or a kernel error the guest saw), dies, or overruns a time limit; the
 * next boot resumes where that left off. A job that hangs or kills the kernel fails alone. A boot
 * that ends before the guest's ready marker with no kernel report on the console ran nothing, so
 * it is tried once more at the same place ({@link VmEvent.BootFailed}); two boots in a row that
 * never reach the guest end the run: the job due fails with {@link Outcome#VM_FAILED}, and so do
 * the jobs left.
 *
 * <p>Not thread-safe, except {@link #abort}, which a shutdown hook may call.
 */
final class Session {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final int CONSOLE_TAIL = 30;

    private final List<GuestJob> jobs;
    private final VmOptions options;
    private final QemuCommand command;
    private final Path workDir;
    private final Consumer<? super VmEvent> progress;
    private final List<List<GuestPhaseResult>> phases = new ArrayList<>();
    private final GuestResult[] results;
    private final List<Duration> kernelBoots = new ArrayList<>();
    private final List<Duration> wallBoots = new ArrayList<>();
    private volatile QemuProcess current;
    private int boots;
    private int failedInARow;

    /** Where a boot starts. */
    private record Cursor(int job, int phase) {}

    /** How a boot ended: where the next one starts, and whether it reached the ready marker. */
    private record BootEnd(Cursor next, boolean ready) {}

    Session(
            List<GuestJob> jobs,
            QemuCommand command,
            Path workDir,
            Consumer<? super VmEvent> progress) {
        this.jobs = jobs;
        this.options = command.options();
        this.command = command;
        this.workDir = workDir;
        this.progress = progress;
        this.results = new GuestResult[jobs.size()];
        for (int i = 0; i < jobs.size(); i++) {
            phases.add(new ArrayList<>());
        }
    }

    /** Runs every job; returns one result per job, in order. */
    List<GuestResult> run() throws IOException, InterruptedException {
        Cursor next = new Cursor(0, 0);
        while (next.job() < jobs.size()) {
            BootEnd end = boot(next);
            failedInARow = end.ready() ? 0 : failedInARow + 1;
            next = end.next();
            if (failedInARow == 2) {
                failRemaining(next.job(), "not run: two boots in a row did not reach the guest");
                break;
            }
        }
        return List.of(results);
    }

    /** Kills the running qemu, if any. */
    void abort() {
        QemuProcess qemu = current;
        if (qemu != null) {
            qemu.destroy();
        }
    }

    /** Figures of the boots so far, for a run that took {@code wall}. */
    RunFigures figures(Duration wall) {
        return new RunFigures(jobs.size(), kernelBoots.size(), mean(kernelBoots), mean(wallBoots), wall);
    }

    private BootEnd boot(Cursor start) throws IOException, InterruptedException {
        int boot = ++boots;
        Path console = workDir.resolve("console-" + boot + ".log");
        Path resultPort = workDir.resolve("results-" + boot + ".log");
        progress.accept(new VmEvent.Booting(boot, jobs.get(start.job()).id(), start.phase()));
        long started = System.nanoTime();
        QemuProcess qemu =
                QemuProcess.start(
                        command.arguments(console, resultPort, start.job(), start.phase()),
                        workDir.resolve("qemu-" + boot + ".log"));
        current = qemu;
        try {
            return new Boot(boot, start, qemu, console, new FileTail(resultPort), started).follow();
        } finally {
            qemu.destroy();
            current = null;
        }
    }

    /** The state of one boot while it runs. */
    private final class Boot {
        private final int number;
        private final QemuProcess qemu;
        private final Path console;
        private final FileTail results;
        private final SignalDecoder decoder = new SignalDecoder();
        private final long started;
        private long deadline;
        private boolean ready;
        private boolean exitExpected;
        private boolean progressed;
        private Cursor running;
        private Cursor next;

        Boot(int number, Cursor start, QemuProcess qemu, Path console, FileTail results, long started) {
            this.number = number;
            this.next = start;
            this.qemu = qemu;
            this.console = console;
            this.results = results;
            this.started = started;
            this.deadline = started + options.bootTimeout().toNanos();
        }

        BootEnd follow() throws IOException, InterruptedException {
            while (true) {
                boolean alive = qemu.isAlive();
                for (String line : results.newLines()) {
                    try {
                        GuestSignal signal = decoder.accept(line).orElse(null);
                        if (signal != null && handle(signal)) {
                            return new BootEnd(next, true);
                        }
                    } catch (VmException e) {
                        qemu.destroy();
                        return failed(e.getMessage());
                    }
                }
                if (!alive) {
                    return exitExpected
                            ? new BootEnd(next, ready)
                            : failed("qemu exited with status " + qemu.exitValue() + describeQemu());
                }
                if (System.nanoTime() - deadline > 0) {
                    qemu.destroy();
                    return overran();
                }
                Thread.sleep(POLL.toMillis());
            }
        }

        /** Acts on a signal; true when the run is over (the guest gave up). */
        private boolean handle(GuestSignal signal) {
            long now = System.nanoTime();
            if (signal instanceof GuestSignal.Ready r) {
                if (r.job() != next.job() || r.phase() != next.phase()) {
                    throw new VmException("the guest resumed at job " + r.job() + " phase " + r.phase()
                            + " instead of job " + next.job() + " phase " + next.phase());
                }
                ready = true;
                Duration wall = Duration.ofNanos(now - started);
                kernelBoots.add(r.uptime());
                wallBoots.add(wall);
                progress.accept(new VmEvent.Booted(number, r.uptime(), wall));
            } else if (signal instanceof GuestSignal.Begin b) {
                running = new Cursor(b.job(), b.phase());
                deadline = now + jobs.get(b.job()).timeoutOr(options.jobTimeout()).toNanos();
                progress.accept(new VmEvent.PhaseStarted(jobs.get(b.job()).id(), b.phase()));
            } else if (signal instanceof GuestSignal.End e) {
                ended(e);
                deadline = now + options.bootTimeout().toNanos();
            } else if (signal instanceof GuestSignal.Done) {
                next = new Cursor(jobs.size(), 0);
                exitExpected = true;
                deadline = now + options.bootTimeout().toNanos();
            } else if (signal instanceof GuestSignal.Fatal f) {
                failRemaining(running == null ? next.job() : running.job(), "guest: " + f.message());
                next = new Cursor(jobs.size(), 0);
                return true;
            }
            return false;
        }

        private void ended(GuestSignal.End e) {
            running = null;
            progressed = true;
            phases.get(e.job()).add(e.result());
            if (e.kernelError()) {
                String log = e.result().kernelLog();
                finish(e.job(), Outcome.KERNEL_ERROR, KernelErrors.firstReport(log).orElse(log));
                next = new Cursor(e.job() + 1, 0);
                exitExpected = true;
            } else if (e.phase() + 1 < jobs.get(e.job()).phases().size()) {
                next = new Cursor(e.job(), e.phase() + 1);
                exitExpected = true;
            } else {
                finish(e.job(), Outcome.COMPLETED, "");
                next = new Cursor(e.job() + 1, 0);
            }
        }

        /** A time limit passed (qemu is already killed). */
        private BootEnd overran() {
            if (!ready) {
                return failed("the guest was not ready within " + seconds(options.bootTimeout()));
            }
            if (running != null) {
                GuestJob job = jobs.get(running.job());
                String log = consoleSinceBegin();
                Outcome outcome = KernelErrors.firstReport(log).isPresent()
                        ? Outcome.KERNEL_ERROR : Outcome.TIMED_OUT;
                String detail = KernelErrors.firstReport(log).orElse("phase " + running.phase()
                        + " did not finish within " + seconds(job.timeoutOr(options.jobTimeout())));
                finish(running.job(), outcome, detail);
                return new BootEnd(new Cursor(running.job() + 1, 0), true);
            }
            return exitExpected
                    ? new BootEnd(next, true)
                    : failed("the guest did nothing for " + seconds(options.bootTimeout()));
        }

        /**
         * The boot ended before its time: the running job fails (with the kernel's report when the
         * console has one); with no job running, the job due next fails, unless this boot already
         * finished some phase.
         */
        private BootEnd failed(String why) {
            String log = running == null ? consoleText() : consoleSinceBegin();
            String report = KernelErrors.firstReport(log).orElse(null);
            if (running != null) {
                finish(running.job(),
                        report != null ? Outcome.KERNEL_ERROR : Outcome.VM_FAILED,
                        report != null ? report : why + " during phase " + running.phase());
                return new BootEnd(new Cursor(running.job() + 1, 0), ready);
            }
            if ((progressed && ready) || next.job() >= jobs.size()) {
                return new BootEnd(next, ready);
            }
            String failure = report != null ? report
                    : "boot " + number + ": " + why + "; console ends:\n"
                            + KernelLog.tail(consoleText(), CONSOLE_TAIL);
            if (report == null && !ready && failedInARow == 0) {
                // Nothing ran, and the kernel reported nothing: qemu or the host failed, not a
                // job, so the same place gets one more boot. CI saw this once in 30 boots with
                // 2 vCPUs (text_poke_bp() starved while enabling the fs_dax tracepoints).
                progress.accept(new VmEvent.BootFailed(number, failure));
                return new BootEnd(next, false);
            }
            finish(next.job(), report != null ? Outcome.KERNEL_ERROR : Outcome.VM_FAILED, failure);
            return new BootEnd(new Cursor(next.job() + 1, 0), ready);
        }

        private String describeQemu() {
            String messages = qemu.messages();
            return messages.isEmpty() ? "" : " (" + messages + ")";
        }

        private String consoleSinceBegin() {
            return KernelLog.after(consoleText(),
                    "daxspec: job " + running.job() + " phase " + running.phase() + " begin");
        }

        private String consoleText() {
            try {
                return Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                return "";
            }
        }
    }

    private void finish(int job, Outcome outcome, String detail) {
        GuestResult result = new GuestResult(jobs.get(job).id(), phases.get(job), outcome, detail);
        results[job] = result;
        progress.accept(new VmEvent.JobFinished(result));
    }

    private void failRemaining(int from, String detail) {
        for (int job = from; job < jobs.size(); job++) {
            if (results[job] == null) {
                finish(job, Outcome.VM_FAILED, detail);
            }
        }
    }

    private static Duration mean(List<Duration> durations) {
        return durations.isEmpty()
                ? Duration.ZERO
                : durations.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(durations.size());
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}

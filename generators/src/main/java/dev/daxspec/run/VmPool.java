package dev.daxspec.run;

import dev.daxspec.run.GuestResult.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * VMs that run jobs side by side, fed from one queue ({@link VmOptions#guests()} of them, each
 * with its own RAM, pmem and brd). A VM boots when it gets its first job and stays up from job to
 * job and from run to run, so a pool kept open (as {@code explore} keeps one) pays for a boot only
 * where a job needs a fresh machine: a crash between phases, a kernel error, a timeout, a qemu
 * that died.
 *
 * <p><b>Infrastructure trouble is retried.</b> A job that timed out or lost its VM
 * ({@link Outcome#TIMED_OUT}, {@link Outcome#VM_FAILED}) is run once more on a fresh boot (a load
 * spike on the host, a qemu that died, can do either); the result is the retry's, and when the
 * retry fails the same way its detail also tells the first try's. {@link VmEvent.JobRetried} says
 * so as it happens.
 *
 * <p><b>Interrupts.</b> While the pool is open a shutdown hook (Ctrl-C, SIGTERM) kills every qemu,
 * stops the runs without a result for the jobs they cut short, and deletes the pool's files:
 * the initramfs, the logs and each VM's RAM file in {@code /dev/shm}.
 *
 * <p>{@link #run} is for one thread at a time; {@link #close} may come from any thread.
 */
public final class VmPool implements AutoCloseable {

    private final RunFiles files;
    private final List<Guest> guests = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();
    private final BootTimes times = new BootTimes();
    private final Thread hook;
    private final Object events = new Object();
    private volatile boolean stopped;
    private Consumer<? super VmEvent> listener = event -> {};

    VmPool(QemuCommand command, RunFiles files) {
        this.files = files;
        int count = command.options().guests();
        for (int g = 1; g <= count; g++) {
            guests.add(new Guest(g, command.withRamFile(files.ramFile(g)), files.workDir(), this::tell, times));
            // One thread per VM for the pool's life: qemu runs under setpriv --pdeathsig, which
            // kills it when the thread that started it ends, and a VM outlives each run.
            String name = "daxspec-vm-" + g;
            threads.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            }));
        }
        hook = new Thread(this::abortAtExit, "daxspec-vm-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Runs {@code jobs} and returns one result per job, in the same order. A job that times out,
     * upsets the kernel or loses its VM fails alone.
     *
     * @param progress told of boots and jobs as they happen (see {@link VmEvent} for the order)
     * @throws VmException when the pool was closed or stopped meanwhile, or a VM broke the protocol
     */
    public synchronized RunResult run(List<GuestJob> jobs, Consumer<? super VmEvent> progress) {
        if (stopped) {
            throw new VmException("the VMs were stopped");
        }
        long started = System.nanoTime();
        BootTimes.Mark mark = times.mark();
        List<GuestJob> todo = List.copyOf(jobs);
        Results results = new Results(todo.size());
        synchronized (events) {
            listener = progress;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        int workers = Math.min(guests.size(), todo.size());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Guest guest = guests.get(w);
            running.add(threads.get(w).submit(() -> {
                try {
                    while (!guest.broken() && failure.get() == null) {
                        int i = next.getAndIncrement();
                        if (i >= todo.size()) {
                            return;
                        }
                        results.finish(i, runWithRetry(guest, i, todo.get(i)));
                    }
                } catch (Guest.Aborted e) {
                    // stopped: no verdict for the job that was cut short
                } catch (IOException | InterruptedException | RuntimeException e) {
                    if (stopped) {
                        return; // close() interrupts the VMs' threads: no verdict, as for Aborted
                    }
                    failure.compareAndSet(null, e);
                    abort();
                }
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new VmException("VM run interrupted", e);
        } catch (ExecutionException e) {
            abort();
            throw new VmException("VM run failed: " + e.getCause(), e.getCause());
        }
        if (failure.get() != null) {
            Exception e = failure.get();
            throw new VmException("VM run failed: " + e.getMessage(), e);
        }
        if (stopped) {
            throw new VmException("the VM run was stopped");
        }
        // Jobs no VM took: every VM broke (two boots in a row that never reached the guest).
        for (int i = 0; i < todo.size(); i++) {
            if (!results.has(i)) {
                results.finish(
                        i,
                        new GuestResult(
                                todo.get(i).id(),
                                List.of(),
                                Outcome.VM_FAILED,
                                "not run: two boots in a row did not reach the guest"));
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new RunResult(results.all(), times.figures(todo.size(), workers, mark, wall));
    }

    /** Powers the VMs off and deletes the pool's files. Idempotent. */
    @Override
    public void close() {
        if (!stopped) {
            stopped = true;
            guests.forEach(Guest::close);
        }
        threads.forEach(ExecutorService::shutdownNow);
        files.delete();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to undo
        }
    }

    /** Kills every qemu at once and deletes the files. */
    private void abort() {
        killAll();
        files.delete();
    }

    private void killAll() {
        stopped = true;
        guests.forEach(Guest::abort);
    }

    /**
     * What the shutdown hook does (an interrupt, a kill): as {@link #abort}, but the files go
     * only after the VMs' threads have ended, for a few seconds at most. A thread may be
     * writing into the work directory (a snapshot, a job's files) as its qemu dies; deleted
     * first, the directory came back with that file in it and outlived the run.
     */
    private void abortAtExit() {
        killAll();
        threads.forEach(ExecutorService::shutdownNow);
        try {
            for (ExecutorService t : threads) {
                t.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        files.delete();
    }

    private GuestResult runWithRetry(Guest guest, int index, GuestJob job)
            throws IOException, InterruptedException, Guest.Aborted {
        GuestResult first = guest.run(index, job);
        if (!infrastructure(first) || guest.broken()) {
            return first;
        }
        tell(new VmEvent.JobRetried(first));
        GuestResult again = guest.run(index, job);
        if (!infrastructure(again)) {
            return again;
        }
        // The second try's reason, which try it was, then the second try's console lines.
        List<String> lines = again.detail().lines().toList();
        String rest = lines.stream().skip(1).map(l -> "\n" + l).reduce("", String::concat);
        return new GuestResult(
                again.id(),
                again.phases(),
                again.outcome(),
                (lines.isEmpty() ? "" : lines.get(0))
                        + "\n(tried twice; the first try: " + first.outcome() + ": "
                        + first.detail().lines().findFirst().orElse("") + ")" + rest);
    }

    /** Trouble a fresh boot may not have: a timeout (a load spike can cause one) or a lost VM. */
    private static boolean infrastructure(GuestResult r) {
        return r.outcome() == Outcome.TIMED_OUT || r.outcome() == Outcome.VM_FAILED;
    }

    private void tell(VmEvent event) {
        synchronized (events) {
            if (!stopped) {
                listener.accept(event);
            }
        }
    }

    /** The results of one run, told in job order as they come. */
    private final class Results {
        private final GuestResult[] results;
        private int told;

        Results(int size) {
            results = new GuestResult[size];
        }

        void finish(int index, GuestResult result) {
            synchronized (events) {
                results[index] = result;
                while (told < results.length && results[told] != null) {
                    tell(new VmEvent.JobFinished(results[told++]));
                }
            }
        }

        boolean has(int index) {
            synchronized (events) {
                return results[index] != null;
            }
        }

        List<GuestResult> all() {
            synchronized (events) {
                return List.of(results);
            }
        }
    }
}

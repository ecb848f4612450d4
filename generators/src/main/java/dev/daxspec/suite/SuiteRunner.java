package dev.daxspec.suite;

import dev.daxspec.emit.Format;
import dev.daxspec.emit.ShellQuote;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.Verdict;
import dev.daxspec.run.GuestJob;
import dev.daxspec.run.GuestPhaseResult;
import dev.daxspec.run.GuestResult;
import dev.daxspec.run.RunResult;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a shell suite on a real kernel in the {@link Vm}: the suite is the VM's payload, and
 * each test is one guest job, {@code bash /payload/tests/ID.sh DEVICE /mnt/scratch}, on
 * {@code /dev/pmem0} or {@code /dev/ram0} as the suite's manifest says. The test's exit
 * status is its verdict (see {@code common/daxspec.sh} of the suite). Not thread-safe; one
 * run at a time.
 */
public final class SuiteRunner {

    /** Where the guest mounts the scratch filesystem. */
    static final String SCRATCH_MNT = "/mnt/scratch";

    /**
     * What one test did.
     *
     * @param output what the test printed (its diff when it failed)
     * @param detail the reason of a NOTRUN or KNOWN-DEVIATION (one line); why a FAIL or INFRA
     *     is one, its first line, then the kernel log while the test ran or the console's last
     *     lines; empty for a PASS and for a FAIL whose kernel logged nothing
     * @param seconds wall time in the VM
     */
    public record Outcome(Suite.Test test, Verdict verdict, String output, String detail, double seconds) {}

    private final Vm vm;

    public SuiteRunner(Vm vm) {
        this.vm = vm;
    }

    /**
     * Runs the tests of the shell suite {@code suite} (read from {@code dir}), telling
     * {@code onOutcome} of each as it finishes.
     *
     * @throws IOException when the suite is not a shell suite or lists a file it does not have
     */
    public RunResult run(Path dir, Suite suite, Consumer<VmEvent> progress, Consumer<Outcome> onOutcome)
            throws IOException {
        if (suite.format() != Format.SHELL) {
            throw new IOException(dir + " is an " + suite.format().label() + " suite; only shell suites run here");
        }
        List<GuestJob> jobs = new ArrayList<>();
        Map<String, Suite.Test> byJob = new HashMap<>();
        for (Suite.Test t : suite.tests()) {
            Path file = dir.resolve(t.path()).normalize();
            if (!file.startsWith(dir.normalize()) || !Files.isRegularFile(file)) {
                throw new IOException(dir.resolve(Suite.MANIFEST) + " lists " + t.path()
                        + ", which the suite does not have (removed or renamed since 'daxspec generate' wrote"
                        + " it?); write the suite again, or run the others with --test ID");
            }
            String id = String.join(" ", t.ids());
            byJob.put(id, t);
            jobs.add(new GuestJob(id, List.of(command(t))));
        }
        Map<String, Instant> started = new HashMap<>();
        return vm.run(jobs, Optional.of(dir), event -> {
            progress.accept(event);
            if (event instanceof VmEvent.PhaseStarted s) {
                started.putIfAbsent(s.id(), Instant.now());
            } else if (event instanceof VmEvent.JobFinished f) {
                double secs = Duration.between(started.getOrDefault(f.result().id(), Instant.now()), Instant.now())
                                .toMillis()
                        / 1000.0;
                onOutcome.accept(judge(byJob.get(f.result().id()), f.result(), secs));
            }
        });
    }

    /** The guest's command line for {@code t}. */
    static String command(Suite.Test t) {
        return "bash " + ShellQuote.single("/payload/" + t.path()) + " /dev/"
                + t.device().kernelName() + " " + SCRATCH_MNT + "\n";
    }

    private static String withLog(String reason, String log) {
        return log.isEmpty() ? reason : reason + "\n" + log;
    }

    /** The verdict of a test from its job's result. */
    static Outcome judge(Suite.Test t, GuestResult r, double seconds) {
        if (r.outcome() != GuestResult.Outcome.COMPLETED || r.phases().isEmpty()) {
            String out = r.phases().isEmpty() ? "" : r.phases().get(0).output();
            Verdict v = r.outcome() == GuestResult.Outcome.KERNEL_ERROR ? Verdict.FAIL : Verdict.INFRA;
            return new Outcome(t, v, out, r.outcome() + (r.detail().isEmpty() ? "" : ": " + r.detail()), seconds);
        }
        GuestPhaseResult p = r.phases().get(0);
        String last = p.output().lines().reduce((a, b) -> b).orElse("");
        String reason = last.contains(": ") ? last.substring(last.indexOf(": ") + 2) : "";
        // A failure's detail ends with what the kernel logged while the test ran.
        String log = r.kernelLogReport();
        return switch (p.exitStatus()) {
            case 0 -> new Outcome(t, Verdict.PASS, p.output(), "", seconds);
            case 1 ->
                new Outcome(t, Verdict.FAIL, p.output(), log.isEmpty() ? "" : "the output differs\n" + log, seconds);
            case 2 -> new Outcome(t, Verdict.NOTRUN, p.output(), reason, seconds);
            case 3 -> new Outcome(t, Verdict.KNOWN_DEVIATION, p.output(), reason, seconds);
            case 4 ->
                new Outcome(t, Verdict.FAIL, p.output(), withLog("the test refused to run: " + reason, log), seconds);
            default ->
                new Outcome(t, Verdict.FAIL, p.output(), withLog("the test exited " + p.exitStatus(), log), seconds);
        };
    }
}

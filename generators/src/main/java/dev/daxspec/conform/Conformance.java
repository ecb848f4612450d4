package dev.daxspec.conform;

import dev.daxspec.emit.ProgramScript;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.xfsio.TranscriptFilter;
import dev.daxspec.run.GuestJob;
import dev.daxspec.run.GuestResult;
import dev.daxspec.run.RunResult;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs conformance cases on the oracle and on a real kernel and compares the two
 * transcripts after the shared {@link TranscriptFilter}.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class Conformance {

    /** Where the guest mounts the scratch filesystem. */
    public static final String SCRATCH_MNT = "/mnt/scratch";

    private final Vm vm;
    private final KnownDeviations known;

    public Conformance(Vm vm, KnownDeviations known) {
        this.vm = vm;
        this.known = known;
    }

    /** The oracle's transcript of a case, on the correct kernel. */
    public static String expected(ConformanceCase c) {
        return ProgramRunner.run(c.program(), Kernel.CORRECT).text();
    }

    /** The guest script of a case: the scratch variables, then the program. */
    public static String script(ConformanceCase c) {
        return "SCRATCH_DEV=" + ScratchCommands.device(c.program().target()) + "\n"
                + "SCRATCH_MNT=" + SCRATCH_MNT + "\n"
                + ProgramScript.body(c.program());
    }

    /**
     * Runs {@code cases} (whose oracle transcripts {@code expected} holds, by case name) in
     * one VM run, reporting each outcome to {@code onOutcome} as it finishes.
     */
    public RunResult run(List<ConformanceCase> cases, Map<String, String> expected, Consumer<VmEvent> progress,
                         Consumer<CaseOutcome> onOutcome) {
        Map<String, ConformanceCase> byName = new LinkedHashMap<>();
        List<GuestJob> jobs = new ArrayList<>();
        for (ConformanceCase c : cases) {
            byName.put(c.name(), c);
            jobs.add(new GuestJob(c.name(), List.of(script(c))));
        }
        Map<String, Instant> started = new HashMap<>();
        return vm.run(jobs, java.util.Optional.empty(), event -> {
            progress.accept(event);
            if (event instanceof VmEvent.PhaseStarted s) {
                started.putIfAbsent(s.id(), Instant.now());
            } else if (event instanceof VmEvent.JobFinished f) {
                ConformanceCase c = byName.get(f.result().id());
                double secs = Duration.between(started.getOrDefault(c.name(), Instant.now()), Instant.now())
                        .toMillis() / 1000.0;
                onOutcome.accept(judge(c, expected.get(c.name()), f.result(), secs));
            }
        });
    }

    CaseOutcome judge(ConformanceCase c, String expected, GuestResult r, double seconds) {
        if (r.outcome() != GuestResult.Outcome.COMPLETED || r.phases().isEmpty()) {
            String actual = r.phases().isEmpty() ? "" : filter(c, r.phases().get(0).output());
            return new CaseOutcome(c, Verdict.DIFF, expected, actual,
                    r.outcome() + (r.detail().isEmpty() ? "" : ": " + r.detail()), seconds);
        }
        String actual = filter(c, r.phases().get(0).output());
        if (actual.equals(expected)) {
            return new CaseOutcome(c, Verdict.MATCH, expected, actual, "", seconds);
        }
        return known.forCase(c.name())
                .filter(d -> d.transcript().equals(actual))
                .map(d -> new CaseOutcome(c, Verdict.KNOWN_DEVIATION, expected, actual,
                        "departs from " + d.rule() + " (seed " + d.seed() + "): " + d.why(), seconds))
                .orElseGet(() -> new CaseOutcome(c, Verdict.DIFF, expected, actual, "", seconds));
    }

    static String filter(ConformanceCase c, String raw) {
        return new TranscriptFilter(SCRATCH_MNT, ScratchCommands.device(c.program().target())).apply(raw);
    }
}

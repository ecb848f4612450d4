package dev.daxspec.conform;

import dev.daxspec.diff.UnifiedDiff;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.emit.ProgramScript;
import dev.daxspec.emit.SharedFilesystem;
import dev.daxspec.emit.Verdict;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Stat;
import dev.daxspec.oracle.ops.Statx;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.program.Transcript;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.xfsio.TranscriptFilter;
import dev.daxspec.run.GuestJob;
import dev.daxspec.run.GuestPhaseResult;
import dev.daxspec.run.GuestResult;
import dev.daxspec.run.RunFigures;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import dev.daxspec.run.VmPool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs conformance cases on the oracle and on a real kernel and compares the
 * transcripts after the shared {@link TranscriptFilter}. A case whose program crashes may
 * have several correct transcripts; the kernel must print one of them.
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

    /** The oracle's transcripts of a case on the correct kernel: one, or every one a crash allows. */
    public static List<String> expected(ConformanceCase c) {
        return expected(c, Kernel.CORRECT);
    }

    /** The oracle's transcripts of a case on {@code kernel}, a correct kernel with a profile. */
    public static List<String> expected(ConformanceCase c, Kernel kernel) {
        return ProgramRunner.outcomes(c.program(), kernel).stream()
                .map(Transcript::text)
                .toList();
    }

    /** The guest scripts of a case, one per phase: the scratch variables, then the program. */
    public static List<String> scripts(ConformanceCase c) {
        return scripts(c.program());
    }

    /** The guest scripts of a program, one per phase: the scratch variables, then the program. */
    public static List<String> scripts(Program program) {
        String vars = variables(program);
        return ProgramScript.phases(program).stream().map(p -> vars + p).toList();
    }

    /** The lines that set the scratch variables of {@code program}'s target in the guest. */
    public static String variables(Program program) {
        return "SCRATCH_DEV=" + ScratchCommands.device(program.target()) + "\n" + "SCRATCH_MNT=" + SCRATCH_MNT + "\n";
    }

    /**
     * Runs {@code cases} (whose oracle transcripts {@code expected} holds, by case name) on one
     * pool of VMs, reporting each outcome to {@code onOutcome} as it finishes, and returns the
     * VMs' figures. The cases of a
     * target that may share a filesystem and print no inode number run a dozen to one mkfs
     * ({@link SharedFilesystem}): what each prints there is what it would print alone, so one
     * the oracle allows passes; any other runs again alone, after the others, and that run is
     * judged.
     */
    public RunFigures run(
            List<ConformanceCase> cases,
            Map<String, List<String>> expected,
            Consumer<VmEvent> progress,
            Consumer<CaseOutcome> onOutcome) {
        List<ConformanceCase> alone =
                cases.stream().filter(c -> !sharesExactly(c.program())).toList();
        Map<String, List<ConformanceCase>> groups = new LinkedHashMap<>();
        for (List<Integer> group : SharedFilesystem.groups(
                cases.stream().map(ConformanceCase::program).toList(), Conformance::sharesExactly)) {
            List<ConformanceCase> members = group.stream().map(cases::get).toList();
            groups.put(members.get(0).name() + " and " + (members.size() - 1) + " more on one filesystem", members);
        }
        List<GuestJob> jobs = new ArrayList<>();
        for (ConformanceCase c : alone) {
            jobs.add(new GuestJob(c.name(), scripts(c)));
        }
        groups.forEach((id, group) -> jobs.add(new GuestJob(
                id,
                List.of(variables(group.get(0).program())
                        + SharedFilesystem.script(
                                group.stream().map(ConformanceCase::program).toList())))));
        List<ConformanceCase> again = new ArrayList<>();
        try (VmPool pool = vm.open(Optional.empty())) {
            RunFigures first = pool.run(jobs, judging(alone, groups, expected, progress, onOutcome, again))
                    .figures();
            if (again.isEmpty()) {
                return first;
            }
            List<GuestJob> rerun =
                    again.stream().map(c -> new GuestJob(c.name(), scripts(c))).toList();
            return first.plus(
                    pool.run(rerun, judging(again, Map.of(), expected, progress, onOutcome, new ArrayList<>()))
                            .figures());
        }
    }

    /**
     * Whether {@code program} prints exactly what it prints alone when it shares a filesystem:
     * it may share ({@link SharedFilesystem#shareable}), and it prints no inode number, which
     * depends on the files made before.
     */
    static boolean sharesExactly(Program program) {
        return SharedFilesystem.shareable(program)
                && program.steps().stream()
                        .noneMatch(s -> s instanceof XfsIoStep x
                                && x.invocation().ops().stream()
                                        .anyMatch(o -> o instanceof Stat || o instanceof Statx));
    }

    /**
     * What happens as jobs finish: a case alone is judged; the cases of a shared job that print
     * what the oracle allows pass, the others (all of them when the job did not complete) go to
     * {@code again}.
     */
    private Consumer<VmEvent> judging(
            List<ConformanceCase> alone,
            Map<String, List<ConformanceCase>> groups,
            Map<String, List<String>> expected,
            Consumer<VmEvent> progress,
            Consumer<CaseOutcome> onOutcome,
            List<ConformanceCase> again) {
        Map<String, ConformanceCase> byName = new HashMap<>();
        alone.forEach(c -> byName.put(c.name(), c));
        Map<String, Instant> started = new HashMap<>();
        return event -> {
            progress.accept(event);
            if (event instanceof VmEvent.PhaseStarted s) {
                started.putIfAbsent(s.id(), Instant.now());
            } else if (event instanceof VmEvent.JobFinished f) {
                String id = f.result().id();
                double secs = Duration.between(started.getOrDefault(id, Instant.now()), Instant.now())
                                .toMillis()
                        / 1000.0;
                List<ConformanceCase> group = groups.get(id);
                if (group == null) {
                    ConformanceCase c = byName.get(id);
                    onOutcome.accept(judge(c, expected.get(c.name()), f.result(), secs));
                    return;
                }
                GuestResult r = f.result();
                Optional<List<String>> each = r.outcome() == GuestResult.Outcome.COMPLETED
                                && !r.phases().isEmpty()
                        ? SharedFilesystem.split(r.phases().get(0).output(), group.size(), SCRATCH_MNT)
                        : Optional.empty();
                for (int k = 0; k < group.size(); k++) {
                    ConformanceCase c = group.get(k);
                    int member = k;
                    String actual = each.map(e -> filter(c, e.get(member))).orElse(null);
                    if (actual != null && expected.get(c.name()).contains(actual)) {
                        onOutcome.accept(new CaseOutcome(c, Verdict.PASS, actual, actual, "", secs / group.size()));
                    } else {
                        again.add(c);
                    }
                }
            }
        };
    }

    CaseOutcome judge(ConformanceCase c, List<String> expected, GuestResult r, double seconds) {
        StringBuilder raw = new StringBuilder();
        for (GuestPhaseResult p : r.phases()) {
            raw.append(p.output());
        }
        String actual = filter(c, raw.toString());
        String closest = closest(expected, actual);
        if (r.outcome() != GuestResult.Outcome.COMPLETED || r.phases().isEmpty()) {
            // A kernel error is the kernel's; a timeout or a lost VM, twice, is the harness's.
            return new CaseOutcome(
                    c,
                    r.outcome() == GuestResult.Outcome.KERNEL_ERROR ? Verdict.FAIL : Verdict.INFRA,
                    closest,
                    actual,
                    r.outcome() + (r.detail().isEmpty() ? "" : ": " + r.detail()),
                    seconds);
        }
        if (expected.contains(actual)) {
            return new CaseOutcome(c, Verdict.PASS, actual, actual, "", seconds);
        }
        String alternatives = expected.size() == 1
                ? ""
                : "none of the " + expected.size() + " transcripts the oracle allows; the closest:";
        return known.forCase(c.name())
                .filter(d -> d.transcript().equals(actual))
                .map(d -> new CaseOutcome(c, Verdict.KNOWN_DEVIATION, closest, actual, d.reason(), seconds))
                .orElseGet(() -> new CaseOutcome(
                        c, Verdict.FAIL, closest, actual, join(alternatives, r.kernelLogReport()), seconds));
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b;
    }

    /** The allowed transcript with the fewest differing lines from {@code actual}, for the diff. */
    public static String closest(List<String> expected, String actual) {
        String best = expected.get(0);
        long bestScore = Long.MAX_VALUE;
        for (String e : expected) {
            long score = UnifiedDiff.of("a", e, "b", actual)
                    .lines()
                    .filter(l -> l.startsWith("+") || l.startsWith("-"))
                    .count();
            if (score < bestScore) {
                bestScore = score;
                best = e;
            }
        }
        return best;
    }

    static String filter(ConformanceCase c, String raw) {
        return new TranscriptFilter(
                        SCRATCH_MNT, ScratchCommands.device(c.program().target()))
                .apply(raw);
    }
}

package dev.daxspec.explore;

import dev.daxspec.emit.SharedFilesystem;
import dev.daxspec.oracle.explore.Shrinker;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Transcript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs programs on the oracle and on a backend and turns each difference into a finding: it
 * runs the program again to confirm it (a difference that does not repeat is flaky, reported
 * apart), matches it against the known deviations, shrinks it with the backend in the loop
 * to a minimal program that still differs the same way, and deduplicates by
 * {@link Difference#signature() signature}. Not thread-safe; one run per instance.
 */
final class Explorer {

    /** Told of each program as it is judged and of each new finding. */
    interface Listener {
        void judged(Tally tally);

        void found(Finding finding);
    }

    /** What a run has seen so far. */
    static final class Tally {
        long programs;
        long agreed;
        long differed;
        long flaky;
        long trouble;
        /** Programs of an enumeration the oracle cannot predict (random programs are all predictable). */
        long skipped;
        /**
         * Programs that differed beside others on one filesystem and agreed alone (counted as
         * agreeing too): a sign that {@link SharedFilesystem#shareable} lets a program share
         * that should not.
         */
        long sharedOnly;

        final List<String> troubles = new ArrayList<>();
        final Map<String, Integer> flakySignatures = new LinkedHashMap<>();
    }

    private final Backend backend;
    private final Kernel reference;
    private final List<KnownVariant> known;
    private final int shrinkBudget;
    private final boolean alone;
    private final Listener listener;
    private final Tally tally = new Tally();
    private final Map<String, Finding> bySignature = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();

    /**
     * @param shrinkBudget the most candidate programs one shrink may run on the backend
     * @param alone whether each program of a batch runs on a filesystem of its own
     *     ({@link Backend#run}) rather than by {@link Backend#screen}
     */
    Explorer(Backend backend, List<KnownVariant> known, int shrinkBudget, boolean alone, Listener listener) {
        this.backend = backend;
        this.reference = backend.reference();
        this.known = List.copyOf(known);
        this.shrinkBudget = shrinkBudget;
        this.alone = alone;
        this.listener = listener;
    }

    Tally tally() {
        return tally;
    }

    /** The findings so far, in the order found; a finding's program count grows as later programs repeat it. */
    List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Runs the programs numbered {@code indices} of {@code source} (one batch per backend call). */
    void run(ProgramSource source, List<Long> indices) {
        List<Program> programs = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        for (long i : indices) {
            Program p = source.program(i);
            List<String> e;
            try {
                e = expected(p);
            } catch (RuntimeException refused) {
                // Unpredictable, or a crash on a target that cannot crash: not a program to judge.
                tally.skipped++;
                continue;
            }
            programs.add(p);
            expected.add(e);
            numbers.add(i);
        }
        if (programs.isEmpty()) {
            return;
        }
        List<KernelRun> runs = alone ? backend.run(programs) : backend.screen(programs);
        for (int k = 0; k < programs.size(); k++) {
            judge(source, numbers.get(k), programs.get(k), expected.get(k), runs.get(k));
        }
    }

    private void judge(ProgramSource source, long index, Program p, List<String> expected, KernelRun run) {
        if (run.ran() && run.shared()) {
            String seen = SharedFilesystem.comparable(run.transcript());
            if (expected.stream().map(SharedFilesystem::comparable).anyMatch(seen::equals)) {
                tally.programs++;
                tally.agreed++;
                listener.judged(tally);
                return;
            }
            // What differs beside other programs is judged by a run on a filesystem of its own.
            KernelRun alone = backend.run(List.of(p)).get(0);
            if (alone.ran() && expected.contains(alone.transcript())) {
                tally.sharedOnly++;
            }
            run = alone;
        }
        tally.programs++;
        if (!run.ran()) {
            tally.trouble++;
            if (tally.troubles.size() < 3) {
                tally.troubles.add("program " + index + ": " + run.trouble());
            }
        } else if (expected.contains(run.transcript())) {
            tally.agreed++;
        } else {
            tally.differed++;
            differs(source, index, p, expected, run.transcript());
        }
        listener.judged(tally);
    }

    private void differs(ProgramSource source, long index, Program p, List<String> expected, String actual) {
        Difference d = Difference.of(p, closest(expected, actual), actual, reference);
        String sig = d.signature();
        Finding seen = bySignature.get(sig);
        if (seen != null) {
            replace(seen, seen.withOneMore());
            return;
        }
        KernelRun again = backend.run(List.of(p)).get(0);
        if (!again.ran() || !again.transcript().equals(actual)) {
            tally.flaky++;
            tally.flakySignatures.merge(sig, 1, Integer::sum);
            return;
        }
        Optional<KnownVariant> deviation = known.stream()
                .filter(k -> k.explains(backend.release(), p, actual, reference))
                .findFirst();
        Program shrunk = Shrinker.shrink(p, c -> differsAs(c, sig), shrinkBudget);
        String shrunkActual = backend.run(List.of(shrunk)).get(0).transcript();
        String shrunkExpected = closest(expected(shrunk), shrunkActual);
        if (shrunkExpected.equals(shrunkActual)) {
            // The shrunk program did not repeat its difference on this last run: keep the original.
            shrunk = p;
            shrunkActual = actual;
            shrunkExpected = closest(expected, actual);
        }
        Finding f = new Finding(
                findings.size() + 1,
                sig,
                deviation,
                p,
                index,
                source.seedOf(index),
                shrunk,
                shrunkExpected,
                shrunkActual,
                1);
        findings.add(f);
        bySignature.put(sig, f);
        String shrunkSig =
                Difference.of(shrunk, shrunkExpected, shrunkActual, reference).signature();
        bySignature.putIfAbsent(shrunkSig, f);
        listener.found(f);
    }

    private void replace(Finding old, Finding updated) {
        findings.set(findings.indexOf(old), updated);
        bySignature.replaceAll((s, f) -> f == old ? updated : f);
    }

    /** Whether {@code c} still differs on the backend, first at a command of the same name and in the same way. */
    private boolean differsAs(Program c, String signature) {
        List<String> exp = expected(c);
        KernelRun r = backend.run(List.of(c)).get(0);
        if (!r.ran() || exp.contains(r.transcript())) {
            return false;
        }
        return Difference.of(c, closest(exp, r.transcript()), r.transcript(), reference)
                .signature()
                .equals(signature);
    }

    private List<String> expected(Program p) {
        return ProgramRunner.outcomes(p, reference).stream()
                .map(Transcript::text)
                .toList();
    }

    /** The allowed transcript sharing the most leading lines with {@code actual}, for the diff. */
    static String closest(List<String> expected, String actual) {
        String best = expected.get(0);
        int bestShared = -1;
        List<String> a = actual.lines().toList();
        for (String e : expected) {
            List<String> el = e.lines().toList();
            int n = 0;
            while (n < el.size() && n < a.size() && el.get(n).equals(a.get(n))) {
                n++;
            }
            if (n > bestShared) {
                bestShared = n;
                best = e;
            }
        }
        return best;
    }
}

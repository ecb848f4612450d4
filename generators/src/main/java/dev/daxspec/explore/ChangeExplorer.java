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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Runs the same programs on a base and a head kernel and turns every program whose
 * transcripts differ into a {@link ChangedProgram}: run again on both to confirm it (a difference
 * that does not repeat is flaky, counted apart), shrunk with both kernels in the loop to a
 * minimal program that differs the same way, deduplicated by signature. The oracle is not
 * the judge here, only a witness: its verdict on each side is recorded beside the change.
 * The two backends run each batch at the same time, each on its own VMs. Not thread-safe;
 * one run per instance.
 */
final class ChangeExplorer {

    /** Told of each program as it is judged and of each new change. */
    interface Listener {
        void judged(Tally tally);

        void found(ChangedProgram change);
    }

    /** What a run has seen so far. */
    static final class Tally {
        long programs;
        long same;
        long changed;
        long flaky;
        /** Programs whose two transcripts both are outcomes the oracle allows (after a crash): the kernel's choice. */
        long allowed;

        long trouble;
        /** Programs drawn but not run: outside what the series touches, or not predictable. */
        long skipped;

        final List<String> troubles = new ArrayList<>();
    }

    private final Backend base;
    private final Backend head;
    private final Kernel reference;
    private final int shrinkBudget;
    private final Listener listener;
    private final Tally tally = new Tally();
    private final Map<String, ChangedProgram> bySignature = new LinkedHashMap<>();
    private final List<ChangedProgram> changes = new ArrayList<>();

    /**
     * @param reference the oracle's kernel, for the verdict beside each change and for
     *     placing a difference at its command
     * @param shrinkBudget the most candidate programs one shrink runs on each kernel
     */
    ChangeExplorer(Backend base, Backend head, Kernel reference, int shrinkBudget, Listener listener) {
        this.base = base;
        this.head = head;
        this.reference = reference;
        this.shrinkBudget = shrinkBudget;
        this.listener = listener;
    }

    Tally tally() {
        return tally;
    }

    /** The changes so far, in the order found. */
    List<ChangedProgram> changes() {
        return List.copyOf(changes);
    }

    /** Runs the programs numbered {@code indices} of {@code source} that {@code wanted} accepts. */
    void run(ProgramSource source, List<Long> indices, Predicate<Program> wanted) {
        List<Program> programs = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        for (long i : indices) {
            Program p = source.program(i);
            if (wanted.test(p)) {
                programs.add(p);
                numbers.add(i);
            } else {
                tally.skipped++;
            }
        }
        if (programs.isEmpty()) {
            return;
        }
        List<KernelRun[]> runs = both(programs, Backend::screen);
        for (int k = 0; k < programs.size(); k++) {
            KernelRun b = runs.get(k)[0];
            KernelRun h = runs.get(k)[1];
            if (b.ran() && h.ran() && (b.shared() || h.shared())) {
                if (SharedFilesystem.comparable(b.transcript()).equals(SharedFilesystem.comparable(h.transcript()))) {
                    tally.programs++;
                    tally.same++;
                    listener.judged(tally);
                    continue;
                }
                // A change seen beside other programs is judged by runs on filesystems of their own.
                KernelRun[] alone = both(List.of(programs.get(k))).get(0);
                b = alone[0];
                h = alone[1];
            }
            tally.programs++;
            if (!b.ran() || !h.ran()) {
                tally.trouble++;
                if (tally.troubles.size() < 3) {
                    tally.troubles.add("program " + numbers.get(k) + ": "
                            + (b.ran() ? "head: " + h.trouble() : "base: " + b.trouble()));
                }
            } else if (b.transcript().equals(h.transcript())) {
                tally.same++;
            } else {
                tally.changed++;
                changed(source, numbers.get(k), programs.get(k), b.transcript(), h.transcript());
            }
            listener.judged(tally);
        }
    }

    private void changed(ProgramSource source, long index, Program p, String onBase, String onHead) {
        List<String> allowedOutcomes = oracle(p);
        if (allowedOutcomes.size() > 1 && allowedOutcomes.contains(onBase) && allowedOutcomes.contains(onHead)) {
            // A crash leaves the kernel a choice (what of the page cache reached the disk); two
            // runs may choose differently on the same kernel, so this is no change of behaviour.
            tally.allowed++;
            return;
        }
        String sig = signature(p, onBase, onHead);
        ChangedProgram seen = bySignature.get(sig);
        if (seen != null) {
            ChangedProgram more = seen.withOneMore();
            changes.set(changes.indexOf(seen), more);
            bySignature.replaceAll((s, c) -> c == seen ? more : c);
            return;
        }
        if (!differsAs(p, sig)) {
            tally.flaky++;
            return;
        }
        Program shrunk = Shrinker.shrink(p, c -> differsAs(c, sig), shrinkBudget);
        KernelRun[] last = both(List.of(shrunk)).get(0);
        String b = last[0].transcript();
        String h = last[1].transcript();
        if (!last[0].ran() || !last[1].ran() || b.equals(h)) {
            // The shrunk program did not repeat its difference on this last run: keep the original.
            shrunk = p;
            b = onBase;
            h = onHead;
        }
        ChangedProgram c = new ChangedProgram(
                changes.size() + 1, sig, p, index, source.seedOf(index), shrunk, b, h, oracle(shrunk), 1);
        changes.add(c);
        bySignature.put(sig, c);
        bySignature.putIfAbsent(signature(shrunk, b, h), c);
        listener.found(c);
    }

    /** Whether {@code c} runs on both kernels and they differ at a command of the same name, in the same way. */
    private boolean differsAs(Program c, String signature) {
        KernelRun[] r = both(List.of(c)).get(0);
        return r[0].ran()
                && r[1].ran()
                && !r[0].transcript().equals(r[1].transcript())
                && signature(c, r[0].transcript(), r[1].transcript()).equals(signature);
    }

    /** Base's transcript plays the expected one: the difference is placed at the command whose output changed. */
    private String signature(Program p, String onBase, String onHead) {
        return Difference.of(p, onBase, onHead, reference).signature();
    }

    private List<String> oracle(Program p) {
        try {
            return ProgramRunner.outcomes(p, reference).stream()
                    .map(Transcript::text)
                    .toList();
        } catch (RuntimeException unpredictable) {
            return List.of();
        }
    }

    /** Each program's run on base and on head ({@code [base, head]}), the two kernels running at once. */
    private List<KernelRun[]> both(List<Program> programs) {
        return both(programs, Backend::run);
    }

    /** Each program's run on base and on head by {@code how} ({@link Backend#run} or {@link Backend#screen}). */
    private List<KernelRun[]> both(List<Program> programs, BiFunction<Backend, List<Program>, List<KernelRun>> how) {
        CompletableFuture<List<KernelRun>> onHead = CompletableFuture.supplyAsync(() -> how.apply(head, programs));
        List<KernelRun> onBase = how.apply(base, programs);
        List<KernelRun> h;
        try {
            h = onHead.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        List<KernelRun[]> out = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            out.add(new KernelRun[] {onBase.get(i), h.get(i)});
        }
        return out;
    }
}

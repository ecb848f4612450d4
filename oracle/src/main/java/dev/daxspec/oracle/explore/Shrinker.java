package dev.daxspec.oracle.explore;

import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Mmap;
import dev.daxspec.oracle.ops.Mread;
import dev.daxspec.oracle.ops.Mwrite;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.ops.Truncate;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.xfsio.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Shrinks a failing sequence or program to a small one that still fails: first drops chunks of
 * operations or steps (halves, quarters, ... single ones, as in delta debugging), then moves each
 * number toward zero and toward a round value. Within its budget the result is a local
 * minimum: removing
 * any one operation or shrinking any one number makes it pass.
 *
 * <p>Stateless and thread-safe.
 */
public final class Shrinker {

    private Shrinker() {}

    /**
     * Shrinks a failing program: drops steps, then single commands of an xfs_io run, then
     * moves each number toward zero and toward a round value, and drops {@code daxspec_trace},
     * until no single change keeps it failing or the budget is spent. A candidate the oracle
     * refuses is one that does not fail: {@code fails} may throw for it (an
     * {@link RuntimeException} such as {@link dev.daxspec.oracle.fs.Unpredictable}), which counts
     * as passing.
     *
     * @param budget the most candidates to try
     */
    public static Program shrink(Program failing, Predicate<Program> fails, int budget) {
        Program best = failing;
        int[] tries = {0};
        Predicate<Program> counted = c -> {
            if (tries[0]++ >= budget) {
                return false;
            }
            try {
                return fails.test(c);
            } catch (RuntimeException refused) {
                return false;
            }
        };
        boolean progress = true;
        while (progress && tries[0] < budget) {
            progress = false;
            List<Step> steps = best.steps();
            for (int chunk = Math.max(1, steps.size() / 2); chunk >= 1; chunk /= 2) {
                for (int start = 0; start + chunk <= steps.size(); ) {
                    List<Step> candidate = new ArrayList<>(steps.subList(0, start));
                    candidate.addAll(steps.subList(start + chunk, steps.size()));
                    Program p = new Program(best.target(), candidate);
                    if (counted.test(p)) {
                        best = p;
                        steps = best.steps();
                        progress = true;
                    } else {
                        start += chunk;
                    }
                }
            }
            for (int i = 0; i < best.steps().size(); i++) {
                if (!(best.steps().get(i) instanceof XfsIoStep x)) {
                    continue;
                }
                for (XfsIoStep simpler : simpler(x)) {
                    Program p = replace(best, i, simpler);
                    if (counted.test(p)) {
                        best = p;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return best;
    }

    private static Program replace(Program p, int index, Step step) {
        List<Step> steps = new ArrayList<>(p.steps());
        steps.set(index, step);
        return new Program(p.target(), steps);
    }

    /** One-change simplifications of an xfs_io run: one command fewer, one number smaller, no trace. */
    private static List<XfsIoStep> simpler(XfsIoStep x) {
        List<XfsIoStep> out = new ArrayList<>();
        Invocation inv = x.invocation();
        List<Op> ops = inv.ops();
        if (ops.size() > 1) {
            for (int j = 0; j < ops.size(); j++) {
                List<Op> fewer = new ArrayList<>(ops);
                fewer.remove(j);
                out.add(new XfsIoStep(with(inv, fewer), x.traced()));
            }
        }
        for (int j = 0; j < ops.size(); j++) {
            for (Op smaller : smaller(ops.get(j))) {
                List<Op> changed = new ArrayList<>(ops);
                changed.set(j, smaller);
                out.add(new XfsIoStep(with(inv, changed), x.traced()));
            }
        }
        if (x.traced()) {
            out.add(new XfsIoStep(inv, false));
        }
        return out;
    }

    private static Invocation with(Invocation inv, List<Op> ops) {
        return new Invocation(inv.probe(), inv.create(), inv.readOnly(), inv.file(), ops);
    }

    /**
     * @param fails whether a sequence still shows the failure; it must not throw for sequences
     *     that pass
     * @param budget the most candidates to try; shrinking stops early with what it has
     */
    public static List<Op> shrink(List<Op> failing, Predicate<List<Op>> fails, int budget) {
        List<Op> best = List.copyOf(failing);
        int[] tries = {0};
        Predicate<List<Op>> counted = c -> tries[0]++ < budget && fails.test(c);
        boolean progress = true;
        while (progress && tries[0] < budget) {
            progress = false;
            for (int chunk = Math.max(1, best.size() / 2); chunk >= 1; chunk /= 2) {
                for (int start = 0; start + chunk <= best.size(); ) {
                    List<Op> candidate = new ArrayList<>(best.subList(0, start));
                    candidate.addAll(best.subList(start + chunk, best.size()));
                    if (!candidate.isEmpty() && counted.test(candidate)) {
                        best = candidate;
                        progress = true;
                    } else {
                        start += chunk;
                    }
                }
            }
            for (int i = 0; i < best.size(); i++) {
                for (Op smaller : smaller(best.get(i))) {
                    List<Op> candidate = new ArrayList<>(best);
                    candidate.set(i, smaller);
                    if (counted.test(candidate)) {
                        best = candidate;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return best;
    }

    /** Simpler versions of one operation: smaller offsets and lengths. */
    static List<Op> smaller(Op op) {
        List<Op> out = new ArrayList<>();
        if (op instanceof Pwrite w) {
            for (long o : shrinkValue(w.offset())) {
                out.add(new Pwrite(o, w.length(), w.seed(), w.bufferSize()));
            }
            for (long l : shrinkValue(w.length())) {
                out.add(new Pwrite(w.offset(), l, w.seed(), w.bufferSize()));
            }
            if (w.bufferSize().isPresent()) {
                out.add(new Pwrite(w.offset(), w.length(), w.seed(), OptionalLong.empty()));
            }
        } else if (op instanceof Pread p) {
            for (long o : shrinkValue(p.offset())) {
                out.add(new Pread(o, p.length(), p.verbose(), p.bufferSize()));
            }
        } else if (op instanceof Truncate t) {
            for (long s : shrinkValue(t.size())) {
                out.add(new Truncate(s));
            }
        } else if (op instanceof Falloc f) {
            for (long o : shrinkValue(f.offset())) {
                out.add(new Falloc(f.keepSize(), o, f.length()));
            }
            for (long l : shrinkPositive(f.length())) {
                out.add(new Falloc(f.keepSize(), f.offset(), l));
            }
        } else if (op instanceof Fpunch p) {
            for (long o : shrinkValue(p.offset())) {
                out.add(new Fpunch(o, p.length()));
            }
            for (long l : shrinkPositive(p.length())) {
                out.add(new Fpunch(p.offset(), l));
            }
        } else if (op instanceof Fzero z) {
            for (long o : shrinkValue(z.offset())) {
                out.add(new Fzero(z.keepSize(), o, z.length()));
            }
            for (long l : shrinkPositive(z.length())) {
                out.add(new Fzero(z.keepSize(), z.offset(), l));
            }
        } else if (op instanceof Seek s) {
            for (long o : shrinkValue(s.offset())) {
                out.add(new Seek(s.data(), s.hole(), s.repeat(), s.showStart(), o));
            }
        } else if (op instanceof Mmap m) {
            if (m.sync()) {
                out.add(new Mmap(m.read(), m.write(), m.exec(), false, m.priv(), m.offset(), m.length()));
            }
            for (long o : shrinkValue(m.offset())) {
                out.add(new Mmap(m.read(), m.write(), m.exec(), m.sync(), m.priv(), o, m.length()));
            }
            for (long l : shrinkPositive(m.length())) {
                out.add(new Mmap(m.read(), m.write(), m.exec(), m.sync(), m.priv(), m.offset(), l));
            }
        } else if (op instanceof Mread m && m.offset().isPresent()) {
            long o = m.offset().getAsLong();
            long l = m.length().getAsLong();
            for (long v : shrinkValue(o)) {
                out.add(new Mread(m.verbose(), m.fileOffsets(), OptionalLong.of(v), OptionalLong.of(l)));
            }
            for (long v : shrinkPositive(l)) {
                out.add(new Mread(m.verbose(), m.fileOffsets(), OptionalLong.of(o), OptionalLong.of(v)));
            }
        } else if (op instanceof Mwrite m && m.offset().isPresent()) {
            long o = m.offset().getAsLong();
            long l = m.length().getAsLong();
            for (long v : shrinkValue(o)) {
                out.add(new Mwrite(m.seed(), OptionalLong.of(v), OptionalLong.of(l)));
            }
            for (long v : shrinkPositive(l)) {
                out.add(new Mwrite(m.seed(), OptionalLong.of(o), OptionalLong.of(v)));
            }
        }
        return out;
    }

    private static List<Long> shrinkValue(long v) {
        List<Long> out = new ArrayList<>();
        if (v > 0) {
            out.add(0L);
            if (v / 2 > 0) {
                out.add(v / 2);
            }
            // Toward the nearest boundary below: a page, a sector, a power of two.
            for (long rounded : new long[] {v & -4096L, v & -512L, Long.highestOneBit(v)}) {
                if (rounded != v && rounded > 0 && !out.contains(rounded)) {
                    out.add(rounded);
                }
            }
            out.add(v - 1);
        }
        return out;
    }

    private static List<Long> shrinkPositive(long v) {
        return shrinkValue(v).stream().filter(x -> x > 0).toList();
    }
}

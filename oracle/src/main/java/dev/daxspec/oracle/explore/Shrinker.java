package dev.daxspec.oracle.explore;

import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.ops.Truncate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing sequence to a small one that still fails: first drops chunks of
 * operations (halves, quarters, ... single ones, as in delta debugging), then moves each
 * number toward zero and toward a round value. Within its budget the result is a local
 * minimum: removing
 * any one operation or shrinking any one number makes it pass.
 *
 * <p>Stateless and thread-safe.
 */
public final class Shrinker {

    private Shrinker() {
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
                out.add(new Pwrite(w.offset(), w.length(), w.seed(), java.util.OptionalLong.empty()));
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
            long rounded = Long.highestOneBit(v);
            if (rounded != v) {
                out.add(rounded);
            }
            out.add(v - 1);
        }
        return out;
    }

    private static List<Long> shrinkPositive(long v) {
        return shrinkValue(v).stream().filter(x -> x > 0).toList();
    }
}

package dev.daxspec.oracle.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A map from disjoint half-open ranges {@code [start, end)} of a 64-bit address space to
 * values, with equal neighbours merged. Addresses not covered have no value. Memory is
 * proportional to the number of distinct runs, never to the size of the space: a 16 TiB
 * sparse file with two writes costs two entries.
 *
 * <p>Not thread-safe; owned by one filesystem state. Values must be immutable and have
 * value equality, since merging compares them with {@link Objects#equals}.
 *
 * @param <V> the value of a run
 */
public final class RangeMap<V> {

    /** One run of the map, or the part of one run inside a queried window. */
    public record Run<V>(long start, long end, V value) {
        public long length() {
            return end - start;
        }
    }

    /** Told of every run that enters or leaves the map, so an owner can keep sums up to date. */
    public interface Listener<V> {
        void added(Run<V> run);

        void removed(Run<V> run);
    }

    private final TreeMap<Long, Run<V>> runs = new TreeMap<>();
    private final Listener<V> listener;

    public RangeMap() {
        this(null);
    }

    /** A map that tells {@code listener} of every run it adds and removes. */
    public RangeMap(Listener<V> listener) {
        this.listener = listener;
    }

    private void add(Run<V> r) {
        runs.put(r.start, r);
        if (listener != null) {
            listener.added(r);
        }
    }

    private void drop(Run<V> r) {
        runs.remove(r.start);
        if (listener != null) {
            listener.removed(r);
        }
    }

    /** Gives {@code [start, end)} the value {@code value}, replacing what was there. */
    public void put(long start, long end, V value) {
        Objects.requireNonNull(value, "value");
        if (start >= end) {
            return;
        }
        remove(start, end);
        long s = start;
        long e = end;
        Map.Entry<Long, Run<V>> before = runs.lowerEntry(s);
        if (before != null
                && before.getValue().end == s
                && before.getValue().value.equals(value)) {
            s = before.getKey();
            drop(before.getValue());
        }
        Run<V> after = runs.get(e);
        if (after != null && after.value.equals(value)) {
            e = after.end;
            drop(after);
        }
        add(new Run<>(s, e, value));
    }

    /** Removes every value in {@code [start, end)}, splitting runs at the edges. */
    public void remove(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Run<V>> first = runs.lowerEntry(start);
        if (first != null && first.getValue().end > start) {
            Run<V> r = first.getValue();
            drop(r);
            add(new Run<>(r.start, start, r.value));
            if (r.end > end) {
                add(new Run<>(end, r.end, r.value));
                return;
            }
        }
        // Through the view's iterator: no copy of the runs, no second lookup per run.
        Run<V> last = null;
        for (Iterator<Run<V>> it = runs.subMap(start, true, end, false).values().iterator(); it.hasNext(); ) {
            last = it.next();
            it.remove();
            if (listener != null) {
                listener.removed(last);
            }
        }
        if (last != null && last.end > end) {
            add(new Run<>(end, last.end, last.value));
        }
    }

    /** The value at {@code pos}, or null. */
    public V get(long pos) {
        Map.Entry<Long, Run<V>> e = runs.floorEntry(pos);
        return e != null && e.getValue().end > pos ? e.getValue().value : null;
    }

    /** The runs that intersect {@code [start, end)}, clipped to it, in address order. */
    public List<Run<V>> runs(long start, long end) {
        List<Run<V>> out = new ArrayList<>();
        if (start >= end) {
            return out;
        }
        Map.Entry<Long, Run<V>> first = runs.lowerEntry(start);
        if (first != null && first.getValue().end > start) {
            Run<V> r = first.getValue();
            out.add(new Run<>(start, Math.min(r.end, end), r.value));
        }
        for (Run<V> r : runs.subMap(start, true, end, false).values()) {
            out.add(new Run<>(r.start, Math.min(r.end, end), r.value));
        }
        return out;
    }

    /** Every run, in address order. */
    public List<Run<V>> runs() {
        return List.copyOf(runs.values());
    }

    /** The whole run holding {@code pos}, or null. */
    public Run<V> runAt(long pos) {
        Map.Entry<Long, Run<V>> e = runs.floorEntry(pos);
        return e != null && e.getValue().end > pos ? e.getValue() : null;
    }

    /** The first run that ends after {@code pos}, clipped to start no earlier than it; or null. */
    public Run<V> nextRun(long pos) {
        Map.Entry<Long, Run<V>> e = runs.floorEntry(pos);
        if (e != null && e.getValue().end > pos) {
            Run<V> r = e.getValue();
            return new Run<>(pos, r.end, r.value);
        }
        Map.Entry<Long, Run<V>> h = runs.higherEntry(pos);
        return h == null ? null : h.getValue();
    }

    /** Total length covered inside {@code [start, end)}. */
    public long covered(long start, long end) {
        long sum = 0;
        for (Run<V> r : runs(start, end)) {
            sum += r.length();
        }
        return sum;
    }
}

package dev.daxspec.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The boots of a pool that reached the guest, and how long each took. Thread-safe. */
final class BootTimes {

    private final List<Duration> kernel = new ArrayList<>();
    private final List<Duration> wall = new ArrayList<>();
    private final List<Duration> restores = new ArrayList<>();
    private final List<Duration> crashesInPlace = new ArrayList<>();

    /** A boot that took {@code kernelTime} from kernel start and {@code wallTime} from qemu start. */
    synchronized void add(Duration kernelTime, Duration wallTime) {
        kernel.add(kernelTime);
        wall.add(wallTime);
    }

    /** A restore from a snapshot that took {@code wallTime} from qemu start to the guest running. */
    synchronized void addRestore(Duration wallTime) {
        restores.add(wallTime);
    }

    /** A crash in place that took {@code wallTime} from the phase's end to the guest asking for more. */
    synchronized void addCrashInPlace(Duration wallTime) {
        crashesInPlace.add(wallTime);
    }

    /** How many boots, restores and crashes in place so far: a mark for {@link #figures}. */
    synchronized Mark mark() {
        return new Mark(kernel.size(), restores.size(), crashesInPlace.size());
    }

    /** Where the figures of a run start. */
    record Mark(int boots, int restores, int crashesInPlace) {}

    /** The figures of {@code jobs} jobs on {@code guests} VMs, over the boots since {@code mark}, in {@code elapsed}. */
    synchronized RunFigures figures(int jobs, int guests, Mark mark, Duration elapsed) {
        List<Duration> k = kernel.subList(mark.boots(), kernel.size());
        List<Duration> w = wall.subList(mark.boots(), wall.size());
        List<Duration> r = restores.subList(mark.restores(), restores.size());
        List<Duration> c = crashesInPlace.subList(mark.crashesInPlace(), crashesInPlace.size());
        return new RunFigures(jobs, k.size(), guests, mean(k), mean(w), r.size(), mean(r), c.size(), mean(c), elapsed);
    }

    private static Duration mean(List<Duration> durations) {
        return durations.isEmpty()
                ? Duration.ZERO
                : durations.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(durations.size());
    }
}

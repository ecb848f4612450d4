package dev.daxspec.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A time limit on a qemu process that the host's load does not move: it counts the time the
 * guest could have run, the wall time less the longest time one of qemu's threads waited
 * for a CPU. Under TCG the guest only advances while qemu's vCPU thread runs; on this 2-core
 * machine at load 24 that thread waited ten times as long as it ran, so a boot that takes
 * 8 s idle did not print a line in 120 s of wall time and every case of a {@code conform}
 * run beside a kernel build was INFRA. A guest that hangs idle sleeps rather than waits, so
 * its time still counts; one that spins counts too.
 *
 * <p>The wait comes from {@code /proc/PID/task/TID/schedstat} (its second field, ns spent on
 * a run queue). Where the kernel has no schedstat the deadline is plain wall time. Past
 * {@link #WALL_CAP} times the limit in wall time it has passed whatever the wait, so a
 * machine that never lets qemu run still ends. Not thread-safe.
 */
final class Deadline {

    /** The most wall time, as a multiple of the limit, a deadline waits for a starved guest. */
    static final int WALL_CAP = 20;

    private final long pid;
    private final long limit;
    private final long started = System.nanoTime();
    private final Map<String, Long> waitedAtStart;
    /** The most wait seen so far: qemu's threads are gone once it is stopped, and what they waited with them. */
    private long mostStarved;

    /** A deadline {@code limit} from now for qemu process {@code pid}. */
    Deadline(long pid, Duration limit) {
        this.pid = pid;
        this.limit = limit.toNanos();
        this.waitedAtStart = waited(pid);
    }

    /** Whether the guest has had its time: the limit has passed in wall time and in time it could run. */
    boolean passed() {
        long wall = System.nanoTime() - started;
        if (wall < limit) {
            return false;
        }
        if (wall >= limit * WALL_CAP) {
            return true;
        }
        return wall - starved() >= limit;
    }

    /**
     * The limit, and where the guest waited for a CPU for more than a second, the wall time
     * and that wait: {@code 120 s (431 s of wall time, 318 s of it waiting for a CPU)}.
     */
    String describe() {
        long wall = System.nanoTime() - started;
        long starved = starved();
        String limitText = Duration.ofNanos(limit).toSeconds() + " s";
        return starved < 1_000_000_000L
                ? limitText
                : limitText + " (" + wall / 1_000_000_000L + " s of wall time, " + starved / 1_000_000_000L
                        + " s of it waiting for a CPU)";
    }

    /**
     * The longest time one thread of the process has waited for a CPU since the deadline was
     * set, as last seen while the process ran.
     */
    long starved() {
        for (Map.Entry<String, Long> e : waited(pid).entrySet()) {
            mostStarved = Math.max(mostStarved, e.getValue() - waitedAtStart.getOrDefault(e.getKey(), 0L));
        }
        return mostStarved;
    }

    /** Each thread's time on a run queue so far, in ns; empty when the process is gone or has no schedstat. */
    private static Map<String, Long> waited(long pid) {
        Map<String, Long> out = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> s = Files.list(tasks)) {
            for (Path t : s.toList()) {
                try {
                    String[] f = Files.readString(t.resolve("schedstat")).trim().split("\\s+");
                    out.put(t.getFileName().toString(), Long.parseLong(f[1]));
                } catch (IOException | RuntimeException gone) {
                    // The thread ended between the listing and the read, or no schedstat here.
                }
            }
        } catch (IOException gone) {
            // The process has ended: it waits no more.
        }
        return out;
    }
}

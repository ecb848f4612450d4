package dev.daxspec.run;

import java.time.Duration;
import java.util.Locale;

/**
 * How long a {@link Vm#run run} took.
 *
 * <p>Immutable and thread-safe.
 *
 * @param jobs jobs run
 * @param boots boots that reached the guest's ready marker
 * @param guests VMs that ran jobs side by side
 * @param meanKernelBoot mean time from kernel start to guest ready, over those boots
 * @param meanWallBoot mean time from qemu start to guest ready (firmware included)
 * @param restores restores from a VM's snapshot (where it would otherwise have booted again)
 * @param meanRestore mean time from qemu start to the restored guest running
 * @param crashesInPlace crashes between two phases done in the running guest ({@link
 *     VmOptions#crashesInPlace()})
 * @param meanCrashInPlace mean time of one, from the phase's end to the guest asking for the next
 * @param wall the whole run, initramfs included
 */
public record RunFigures(
        int jobs,
        int boots,
        int guests,
        Duration meanKernelBoot,
        Duration meanWallBoot,
        int restores,
        Duration meanRestore,
        int crashesInPlace,
        Duration meanCrashInPlace,
        Duration wall) {

    /** Figures of a run without restores or crashes in place. */
    public RunFigures(int jobs, int boots, int guests, Duration meanKernelBoot, Duration meanWallBoot, Duration wall) {
        this(jobs, boots, guests, meanKernelBoot, meanWallBoot, 0, Duration.ZERO, 0, Duration.ZERO, wall);
    }

    /** The figures of this run and then {@code next} on the same VMs: counts added, means weighted by them. */
    public RunFigures plus(RunFigures next) {
        int b = boots + next.boots;
        int r = restores + next.restores;
        int c = crashesInPlace + next.crashesInPlace;
        return new RunFigures(
                jobs + next.jobs,
                b,
                Math.max(guests, next.guests),
                b == 0
                        ? Duration.ZERO
                        : meanKernelBoot
                                .multipliedBy(boots)
                                .plus(next.meanKernelBoot.multipliedBy(next.boots))
                                .dividedBy(b),
                b == 0
                        ? Duration.ZERO
                        : meanWallBoot
                                .multipliedBy(boots)
                                .plus(next.meanWallBoot.multipliedBy(next.boots))
                                .dividedBy(b),
                r,
                r == 0
                        ? Duration.ZERO
                        : meanRestore
                                .multipliedBy(restores)
                                .plus(next.meanRestore.multipliedBy(next.restores))
                                .dividedBy(r),
                c,
                c == 0
                        ? Duration.ZERO
                        : meanCrashInPlace
                                .multipliedBy(crashesInPlace)
                                .plus(next.meanCrashInPlace.multipliedBy(next.crashesInPlace))
                                .dividedBy(c),
                wall.plus(next.wall));
    }

    /** Jobs per minute of wall time. */
    public double jobsPerMinute() {
        return wall.isZero() ? 0 : jobs * 60_000.0 / wall.toMillis();
    }

    /**
     * One line, e.g. {@code 4 jobs, 3 boots (kernel 4.8 s, wall 7.1 s each), 10.2 jobs/min, 23.5 s};
     * with more than one VM, {@code 40 jobs on 2 VMs, 3 boots ...}; with restores, {@code ...
     * each), 12 restores (0.9 s each), ...}; a run whose VMs all started from a cached guest,
     * {@code 8 jobs on 2 VMs, 0 boots, 2 restores (0.5 s each), ...}; with crashes in place,
     * {@code ..., 21 crashes in place (0.3 s each), ...}.
     */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%s%s, %s%s%s%s, %.1f jobs/min, %.1f s",
                count(jobs, "job", "jobs"),
                guests > 1 ? " on " + guests + " VMs" : "",
                count(boots, "boot", "boots"),
                boots == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " (kernel %.1f s, wall %.1f s each)",
                                meanKernelBoot.toMillis() / 1000.0,
                                meanWallBoot.toMillis() / 1000.0),
                each(restores, "restore", "restores", meanRestore),
                each(crashesInPlace, "crash in place", "crashes in place", meanCrashInPlace),
                jobsPerMinute(),
                wall.toMillis() / 1000.0);
    }

    /** {@code , 12 restores (0.9 s each)}, or nothing for none. */
    private static String each(int n, String one, String many, Duration mean) {
        return n == 0
                ? ""
                : String.format(Locale.ROOT, ", %s (%.1f s each)", count(n, one, many), mean.toMillis() / 1000.0);
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}

package dev.daxspec.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the VM is built: its memory, devices, vCPUs and time limits.
 *
 * <p>The guest gets {@code memoryGiB} of ordinary RAM below 4 GiB and, above 4 GiB, {@code
 * pmemMiB} of RAM that the kernel takes as persistent memory ({@code memmap=SIZE!4G}, so {@code
 * /dev/pmem0}); {@code /dev/ram0} is a brd RAM disk of {@code brdMiB} carved out of the ordinary
 * RAM as it is written.
 *
 * <p>Immutable and thread-safe.
 *
 * @param memoryGiB ordinary guest RAM, 1 to 3 GiB
 * @param pmemMiB size of {@code /dev/pmem0}, a positive multiple of 128 MiB (xfs needs 300 MB)
 * @param brdMiB size of {@code /dev/ram0}, positive
 * @param cpus virtual CPUs of each VM, 1 to 16
 * @param guests VMs that run jobs side by side, each with its own pmem and brd, 1 to 16
 * @param jobTimeout how long a phase of a job may run when the job sets no timeout
 * @param bootTimeout how long a boot may take to reach the guest's ready marker, and how long a
 *     guest that said it is resetting may take to do so
 * @param snapshots whether a VM saves its guest once booted and restores it where it would boot
 *     again ({@link Snapshot}): after a crash, a kernel error, a timeout
 * @param crashesInPlace whether a crash between two phases of a job is done in the running guest
 *     instead of by a reset and a fresh start: the host saves pmem ({@link CrashImage}), the guest
 *     unmounts (and loads brd again where the job names it), and the host puts pmem back before
 *     the next phase
 * @param tools the programs the guest image carries
 * @param snapshotCache where booted guests are kept from run to run ({@link SnapshotCache}), so
 *     that a VM starts by restoring one instead of booting; empty for none (with {@code snapshots}
 *     only)
 */
public record VmOptions(
        int memoryGiB,
        int pmemMiB,
        int brdMiB,
        int cpus,
        int guests,
        Duration jobTimeout,
        Duration bootTimeout,
        boolean snapshots,
        boolean crashesInPlace,
        GuestTools tools,
        Optional<Path> snapshotCache) {

    /** Validates; throws {@link IllegalArgumentException} naming the bad value. */
    public VmOptions {
        Objects.requireNonNull(jobTimeout, "jobTimeout");
        Objects.requireNonNull(bootTimeout, "bootTimeout");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(snapshotCache, "snapshotCache");
        check(memoryGiB >= 1 && memoryGiB <= 3, "memory must be 1 to 3 GiB, not " + memoryGiB);
        check(pmemMiB > 0 && pmemMiB % 128 == 0, "pmem must be a positive multiple of 128 MiB, not " + pmemMiB);
        check(brdMiB > 0, "brd size must be positive, not " + brdMiB);
        check(cpus >= 1 && cpus <= 16, "vCPUs must be 1 to 16, not " + cpus);
        check(guests >= 1 && guests <= 16, "VMs must be 1 to 16, not " + guests);
        check(jobTimeout.compareTo(Duration.ZERO) > 0, "job timeout must be positive");
        check(bootTimeout.compareTo(Duration.ZERO) > 0, "boot timeout must be positive");
    }

    /**
     * Options with snapshots kept for this run only, crashes in place and the {@link
     * GuestTools#MINIMAL minimal} guest image.
     */
    public VmOptions(
            int memoryGiB, int pmemMiB, int brdMiB, int cpus, int guests, Duration jobTimeout, Duration bootTimeout) {
        this(
                memoryGiB,
                pmemMiB,
                brdMiB,
                cpus,
                guests,
                jobTimeout,
                bootTimeout,
                true,
                true,
                GuestTools.MINIMAL,
                Optional.empty());
    }

    /**
     * 2 GiB of RAM, 1 GiB of pmem, a 1 GiB brd disk, 1 vCPU, the minimal guest image, as many VMs
     * as the host has CPUs (at most 4: each costs up to 3 GiB of {@code /dev/shm}), 5 min per
     * phase, 2 min per boot, snapshots, crashes in place.
     *
     * <p>One vCPU, because under TCG a second one only costs: every job is one xfs_io at a time,
     * and patching kernel text (enabling a tracepoint flips a static key) makes {@code
     * text_poke_bp()} wait for every other vCPU, which a busy 2-core host can starve for minutes
     * (a soft lockup after 45 s, and a boot that never got ready in 120 s, were seen with 2). With
     * 1 vCPU the fs_dax events enable in 20 ms instead of 50 ms, and 15 crash-case boots took
     * 4.6 s of kernel time each instead of 5.2 s.
     */
    public static VmOptions defaults() {
        int guests = Math.min(4, Runtime.getRuntime().availableProcessors());
        return new VmOptions(2, 1024, 1024, 1, guests, Duration.ofMinutes(5), Duration.ofMinutes(2));
    }

    /** These options with another default phase timeout. */
    public VmOptions withJobTimeout(Duration timeout) {
        return with(o -> o.jobTimeout = timeout);
    }

    /** These options with another boot timeout. */
    public VmOptions withBootTimeout(Duration timeout) {
        return with(o -> o.bootTimeout = timeout);
    }

    /** These options with {@code n} VMs side by side. */
    public VmOptions withGuests(int n) {
        return with(o -> o.guests = n);
    }

    /** These options without snapshots: every fresh start is a boot. */
    public VmOptions withoutSnapshots() {
        return with(o -> {
            o.snapshots = false;
            o.snapshotCache = Optional.empty();
        });
    }

    /**
     * These options with every crash between two phases a reset and a fresh start (a restore of
     * the snapshot, or a boot) instead of a crash in place.
     */
    public VmOptions withoutCrashesInPlace() {
        return with(o -> o.crashesInPlace = false);
    }

    /**
     * These options with booted guests kept from run to run in {@code dir} ({@link SnapshotCache}):
     * what the commands use, with {@link #userSnapshotCache()}.
     */
    public VmOptions withSnapshotCache(Path dir) {
        return with(o -> o.snapshotCache = Optional.of(dir));
    }

    /** {@code $XDG_CACHE_HOME/daxspec/snapshots}, or {@code ~/.cache/daxspec/snapshots}. */
    public static Path userSnapshotCache() {
        return SnapshotCache.userDirectory();
    }

    /** These options with the guest image carrying {@code t}. */
    public VmOptions withTools(GuestTools t) {
        return with(o -> o.tools = t);
    }

    /** These options with {@code change} made to a copy of their fields, checked again. */
    private VmOptions with(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new VmOptions(
                f.memoryGiB,
                f.pmemMiB,
                f.brdMiB,
                f.cpus,
                f.guests,
                f.jobTimeout,
                f.bootTimeout,
                f.snapshots,
                f.crashesInPlace,
                f.tools,
                f.snapshotCache);
    }

    /** The fields of some options, for {@link #with} to change. */
    private static final class Fields {
        int memoryGiB;
        int pmemMiB;
        int brdMiB;
        int cpus;
        int guests;
        Duration jobTimeout;
        Duration bootTimeout;
        boolean snapshots;
        boolean crashesInPlace;
        GuestTools tools;
        Optional<Path> snapshotCache;

        Fields(VmOptions o) {
            memoryGiB = o.memoryGiB;
            pmemMiB = o.pmemMiB;
            brdMiB = o.brdMiB;
            cpus = o.cpus;
            guests = o.guests;
            jobTimeout = o.jobTimeout;
            bootTimeout = o.bootTimeout;
            snapshots = o.snapshots;
            crashesInPlace = o.crashesInPlace;
            tools = o.tools;
            snapshotCache = o.snapshotCache;
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

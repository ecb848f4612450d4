package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash costs neither a boot nor a restore of the VM's snapshot when it is done in place, a
 * restore instead of a boot where it is not, and the guest sees the same devices every way: the
 * same crash jobs, run in place, with snapshots and with boots, print the same. pmem keeps what
 * reached it (fsync'd file data, a journal to recover, raw writes), brd comes back empty, and the
 * page cache of the block device holds nothing from before. Needs what {@code ci/vm/setup}
 * installs.
 */
@Tag("vm")
class VmSnapshotTest {

    private static final List<GuestJob> CRASHES = List.of(
            new GuestJob(
                    "ext4",
                    List.of(
                            "mkfs.ext4 -q -F /dev/pmem0 && mount -o dax /dev/pmem0 /mnt/scratch\n"
                                    + "xfs_io -f -c 'pwrite -S 0xab 0 64k' -c fsync /mnt/scratch/f > /dev/null\n"
                                    + "xfs_io -f -c 'pwrite -S 0xcd 0 4k' -c fsync /mnt/scratch/g > /dev/null\n"
                                    + "echo volatile | dd of=/dev/ram0 conv=fsync 2> /dev/null\n",
                            "mount -o dax /dev/pmem0 /mnt/scratch\n"
                                    + "stat -c '%s %n' /mnt/scratch/f /mnt/scratch/g\n"
                                    + "md5sum /mnt/scratch/f /mnt/scratch/g\n"
                                    + "head -c 8 /dev/ram0 | od -An -c\n")),
            // A raw write past the end of the filesystem (each crash job costs the run without
            // snapshots a boot, so the raw write shares this one).
            new GuestJob(
                    "xfs",
                    List.of(
                            "mkfs.xfs -q -f -d size=512m /dev/pmem0\n"
                                    + "printf 'superblock' | dd of=/dev/pmem0 bs=1M seek=768 conv=fsync 2> /dev/null\n"
                                    + "mount -o dax=always /dev/pmem0 /mnt/scratch\n"
                                    + "xfs_io -f -c 'pwrite -S 0x5a 0 1m' -c fsync /mnt/scratch/f > /dev/null\n",
                            "dd if=/dev/pmem0 bs=1M skip=768 count=1 2> /dev/null | head -c 10; echo\n"
                                    + "mount -o dax=always /dev/pmem0 /mnt/scratch\n"
                                    + "stat -c '%s %n' /mnt/scratch/f\n"
                                    + "md5sum /mnt/scratch/f\n")));

    /**
     * A crash the guest cannot do in place: a process keeps the mount busy, so the unmount fails and
     * the guest resets instead; pmem is still as the crash left it, not as the failed unmount's
     * attempt left it.
     */
    private static final GuestJob BUSY = new GuestJob(
            "busy",
            List.of(
                    "mkfs.ext4 -q -F /dev/pmem0 && mount -o dax /dev/pmem0 /mnt/scratch\n"
                            + "xfs_io -f -c 'pwrite -S 0xab 0 64k' -c fsync /mnt/scratch/f > /dev/null\n"
                            + "(cd /mnt/scratch && exec sleep 600) > /dev/null 2>&1 &\n",
                    "mount -o dax /dev/pmem0 /mnt/scratch\nmd5sum /mnt/scratch/f\n"));

    /**
     * One snapshot cache for five runs of the same crash jobs: the first boots and caches its
     * guest, crashing in place; the second starts from the cached guest and crashes in place;
     * the third starts from it too and restores its snapshot at each crash; the fourth boots at
     * each crash and uses no snapshot; then the cached guest is broken, and the fifth replaces it
     * by a boot's. Every run prints what the one with boots prints.
     */
    @Test
    void aGuestCrashedInPlaceOrRestoredOrCachedSeesTheDevicesAsARebootedOne(@TempDir Path cache) throws IOException {
        VmOptions options = VmOptions.defaults()
                .withGuests(1)
                .withJobTimeout(Duration.ofMinutes(2))
                .withSnapshotCache(cache);
        List<GuestJob> inPlaceJobs = new ArrayList<>(CRASHES);
        inPlaceJobs.add(BUSY);
        Run inPlace = run(options, inPlaceJobs);
        List<Path> entries;
        try (Stream<Path> s = Files.list(cache)) {
            entries = s.toList();
        }
        assertThat(entries).hasSize(1);
        // The later runs start from the guest the first booted (a boot less each).
        Run cached = run(options, CRASHES);
        Run restored = run(options.withoutCrashesInPlace(), CRASHES);
        Run rebooted = run(
                VmOptions.defaults()
                        .withGuests(1)
                        .withJobTimeout(Duration.ofMinutes(2))
                        .withoutCrashesInPlace()
                        .withoutSnapshots(),
                CRASHES);
        System.out.println("in place: " + inPlace.result.figures().summary());
        System.out.println(
                "from the cache, in place: " + cached.result.figures().summary());
        System.out.println("with snapshots: " + restored.result.figures().summary());
        System.out.println("with boots: " + rebooted.result.figures().summary());

        assertThat(inPlace.result.figures().boots()).isEqualTo(1);
        assertThat(inPlace.result.figures().crashesInPlace()).isEqualTo(2);
        assertThat(inPlace.result.figures().restores())
                .as("the busy job's crash")
                .isEqualTo(1);
        assertThat(cached.result.figures().boots()).isZero();
        assertThat(cached.result.figures().restores()).as("its start").isEqualTo(1);
        assertThat(cached.result.figures().crashesInPlace()).isEqualTo(2);
        assertThat(restored.result.figures().boots()).isZero();
        assertThat(restored.result.figures().restores())
                .as("its start and two crashes")
                .isEqualTo(3);
        assertThat(restored.result.figures().crashesInPlace()).isZero();
        assertThat(rebooted.result.figures().boots()).isEqualTo(3);
        assertThat(rebooted.result.figures().restores()).isZero();
        assertThat(rebooted.events).noneMatch(e -> e instanceof VmEvent.SnapshotTaken);

        List<String> inPlaceOutputs = outputs(inPlace.result);
        assertThat(inPlaceOutputs.subList(0, 4)).isEqualTo(outputs(rebooted.result));
        assertThat(inPlaceOutputs.subList(4, 6))
                .containsExactly("busy 0:", "busy 1:b6936734ef093dabc4e17f0c29fa4718  /mnt/scratch/f\n");
        assertThat(outputs(cached.result)).isEqualTo(outputs(rebooted.result));
        assertThat(outputs(restored.result)).isEqualTo(outputs(rebooted.result));
        assertThat(outputs(rebooted.result))
                .containsExactly(
                        "ext4 0:",
                        "ext4 1:65536 /mnt/scratch/f\n4096 /mnt/scratch/g\n"
                                + "b6936734ef093dabc4e17f0c29fa4718  /mnt/scratch/f\n"
                                + "5fed275e7617a806f94c173746a2a723  /mnt/scratch/g\n"
                                + "  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0\n",
                        "xfs 0:",
                        "xfs 1:superblock\n1048576 /mnt/scratch/f\n"
                                + "65e953c1cc4e9edde60cb8aed1af5797  /mnt/scratch/f\n");

        // A cached guest that cannot be restored is replaced by a boot's.
        Files.writeString(entries.get(0).resolve("state"), "not a migration stream");
        Run broken = run(options, CRASHES);
        assertThat(broken.events)
                .anyMatch(e -> e instanceof VmEvent.SnapshotDropped d && d.why().startsWith("the cached snapshot"));
        assertThat(broken.result.figures().boots()).isEqualTo(1);
        assertThat(outputs(broken.result)).isEqualTo(outputs(rebooted.result));
        assertThat(Files.size(entries.get(0).resolve("state")))
                .as("the boot's snapshot replaced the broken one")
                .isGreaterThan(1000);
    }

    private record Run(RunResult result, List<VmEvent> events) {}

    private static Run run(VmOptions options, List<GuestJob> jobs) {
        List<VmEvent> events = new ArrayList<>();
        RunResult result = new Vm(KernelBuild.newestInstalled(), options).run(jobs, Optional.empty(), events::add);
        return new Run(result, events);
    }

    private static List<String> outputs(RunResult run) {
        List<String> out = new ArrayList<>();
        for (GuestResult r : run.results()) {
            assertThat(r.outcome()).as(r.id() + ": " + r.detail()).isEqualTo(GuestResult.Outcome.COMPLETED);
            for (int i = 0; i < r.phases().size(); i++) {
                out.add(r.id() + " " + i + ":" + r.phases().get(i).output());
            }
        }
        return out;
    }
}

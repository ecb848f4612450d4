package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.run.GuestResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two VMs fed from one queue on the installed Debian kernel: results in job order, a pool kept open
 * starts no VM again, a crash between phases restarts only its own VM, and closing a pool in the
 * middle of a job stops it without a verdict and leaves no qemu and no file behind.
 */
@Tag("vm")
class VmPoolTest {

    /**
     * With the user's snapshot cache, as the commands run: a VM starts by a boot or, where an
     * earlier run cached this guest, by a restore; these tests count starts of either kind.
     */
    private static final Vm VM = new Vm(
            KernelBuild.newestInstalled(),
            VmOptions.defaults()
                    .withGuests(2)
                    .withJobTimeout(Duration.ofMinutes(2))
                    .withSnapshotCache(VmOptions.userSnapshotCache()));

    private static boolean start(VmEvent e) {
        return e instanceof VmEvent.Booting || e instanceof VmEvent.Restoring;
    }

    private static String startedFor(VmEvent e) {
        return e instanceof VmEvent.Booting b
                ? b.job() + "/" + b.phase()
                : ((VmEvent.Restoring) e).job() + "/" + ((VmEvent.Restoring) e).phase();
    }

    private static int guestOf(VmEvent e) {
        return e instanceof VmEvent.Booting b ? b.guest() : ((VmEvent.Restoring) e).guest();
    }

    @Test
    void twoVmsShareTheQueueAndAPoolKeptOpenBootsNoMore() {
        List<GuestJob> jobs = IntStream.range(0, 8)
                .mapToObj(i -> new GuestJob("echo-" + i, List.of("sleep 0." + (8 - i) + "; echo " + i + "\n")))
                .toList();
        List<VmEvent> first = Collections.synchronizedList(new ArrayList<>());
        List<VmEvent> second = Collections.synchronizedList(new ArrayList<>());
        try (VmPool pool = VM.open(Optional.empty())) {
            RunResult one = pool.run(jobs, first::add);
            RunResult two = pool.run(jobs.subList(0, 4), second::add);

            assertThat(one.results())
                    .extracting(r -> r.phases().get(0).output())
                    .containsExactly("0\n", "1\n", "2\n", "3\n", "4\n", "5\n", "6\n", "7\n");
            assertThat(first)
                    .filteredOn(VmEvent.JobFinished.class::isInstance)
                    .extracting(e -> ((VmEvent.JobFinished) e).result().id())
                    .containsExactly("echo-0", "echo-1", "echo-2", "echo-3", "echo-4", "echo-5", "echo-6", "echo-7");
            assertThat(first)
                    .filteredOn(VmPoolTest::start)
                    .extracting(VmPoolTest::guestOf)
                    .containsExactlyInAnyOrder(1, 2);
            assertThat(one.figures().guests()).isEqualTo(2);
            assertThat(one.figures().boots() + one.figures().restores()).isEqualTo(2);

            assertThat(two.results()).extracting(GuestResult::outcome).containsOnly(Outcome.COMPLETED);
            assertThat(second).filteredOn(VmPoolTest::start).isEmpty();
            assertThat(two.figures().boots() + two.figures().restores()).isZero();
        }
    }

    @Test
    void aCrashBetweenPhasesIsDoneInPlaceAndPmemKeepsTheData() {
        List<GuestJob> jobs = List.of(
                new GuestJob(
                        "crash",
                        List.of(
                                "mkfs.ext4 -q -F /dev/pmem0 && mount -o dax /dev/pmem0 /mnt/scratch\n"
                                        + "echo kept > /mnt/scratch/f && sync\n",
                                "mount -o dax /dev/pmem0 /mnt/scratch && cat /mnt/scratch/f\n")),
                new GuestJob("a", List.of("echo a\n")),
                new GuestJob("b", List.of("echo b\n")));
        List<VmEvent> events = Collections.synchronizedList(new ArrayList<>());
        RunResult run = VM.run(jobs, Optional.empty(), events::add);
        assertThat(run.results().get(0).outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(run.results().get(0).phases())
                .extracting(GuestPhaseResult::output)
                .containsExactly("", "kept\n");
        assertThat(run.results()).extracting(GuestResult::outcome).containsOnly(Outcome.COMPLETED);
        // Each VM starts once; the crashing job's VM crashes in place, without a new qemu.
        assertThat(events)
                .filteredOn(VmPoolTest::start)
                .extracting(VmPoolTest::startedFor)
                .containsExactlyInAnyOrder("crash/0", "a/0");
        assertThat(run.figures().boots() + run.figures().restores()).isEqualTo(2);
        assertThat(run.figures().crashesInPlace()).isEqualTo(1);
    }

    @Test
    void closingInTheMiddleOfAJobStopsWithoutAVerdictAndLeavesNothing() throws Exception {
        List<Path> before = runFiles();
        CountDownLatch started = new CountDownLatch(1);
        List<VmEvent> events = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        VmPool pool = VM.open(Optional.empty());
        Thread runner = new Thread(() -> {
            try {
                pool.run(List.of(new GuestJob("sleeper", List.of("echo begun; sleep 1000\n"))), event -> {
                    events.add(event);
                    if (event instanceof VmEvent.PhaseStarted) {
                        started.countDown();
                    }
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        runner.start();
        assertThat(started.await(3, TimeUnit.MINUTES)).isTrue();
        pool.close();
        runner.join(TimeUnit.MINUTES.toMillis(1));

        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(VmException.class).hasMessage("the VM run was stopped");
        assertThat(events).noneMatch(e -> e instanceof VmEvent.JobFinished || e instanceof VmEvent.JobRetried);
        List<Path> after = runFiles();
        after.removeAll(before);
        assertThat(after).isEmpty();
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(p ->
                                p.info().command().map(c -> c.contains("qemu")).orElse(false)))
                .isEmpty();
        assertThatThrownBy(() -> pool.run(List.of(new GuestJob("late", List.of("true"))), e -> {}))
                .isInstanceOf(VmException.class)
                .hasMessage("the VMs were stopped");
    }

    /** The RAM files and work directories of pools. */
    private static List<Path> runFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")))) {
            try (var list = Files.list(dir)) {
                list.filter(p -> p.getFileName()
                                .toString()
                                .startsWith(
                                        "daxspec-vm-" + ProcessHandle.current().pid()))
                        .forEach(files::add);
            }
        }
        return files;
    }
}

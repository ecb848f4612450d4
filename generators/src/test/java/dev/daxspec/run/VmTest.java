package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.run.GuestResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the installed Debian kernel under qemu once for a batch of jobs that exercise every way a
 * job can end, then checks each result. Needs what {@code ci/vm/setup} installs; run with
 * {@code mvn -pl generators -am test -Pvm}.
 */
@Tag("vm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VmTest {

    private static final String DAX_EXT4 = "mkfs.ext4 -q -F /dev/pmem0 && mount -o dax /dev/pmem0 /mnt/scratch\n";

    private final List<VmEvent> events = new ArrayList<>();
    private RunResult run;
    private List<Path> leftBehind;

    @BeforeAll
    void runBatch(@TempDir Path payload) throws IOException {
        Files.createDirectories(payload.resolve("suite"));
        Files.writeString(payload.resolve("suite/golden.out"), "golden\n");
        List<GuestJob> jobs = List.of(
                new GuestJob(
                        "output",
                        List.of("echo out; echo err >&2; cat /payload/suite/golden.out\n"
                                + "test -b /dev/pmem0 && test -b /dev/ram0 && echo devices\n"
                                + "blockdev --getsize64 /dev/ram0\n"
                                + DAX_EXT4 + "grep -o 'pmem0 /mnt/scratch ext4 [^ ]*' /proc/mounts\n"
                                + "exit 7\n")),
                new GuestJob(
                        "sigbus",
                        List.of(DAX_EXT4 + "xfs_io -f -c 'pwrite 0 1' -c 'mmap -r 0 8192' -c 'mread 4096 1'"
                                + " /mnt/scratch/f\n")),
                new GuestJob("panic", List.of("echo c > /proc/sysrq-trigger\n")),
                new GuestJob("after-panic", List.of("echo alive\n")),
                new GuestJob("hang", List.of("echo sleeping; sleep 1000\n"), Duration.ofSeconds(5)),
                new GuestJob(
                        "crash",
                        List.of(
                                DAX_EXT4
                                        + "xfs_io -f -c 'pwrite -S 0xab 0 64k' -c fsync /mnt/scratch/f > /dev/null\n"
                                        + "echo volatile | dd of=/dev/ram0 conv=fsync 2> /dev/null\n"
                                        + "head -c 8 /dev/ram0\n",
                                "mount -o dax /dev/pmem0 /mnt/scratch\n"
                                        + "xfs_io -c 'pread -v 0 16' /mnt/scratch/f | head -n 1\n"
                                        + "head -c 8 /dev/ram0 | od -An -c\n")),
                new GuestJob(
                        "warning",
                        List.of("echo 'WARNING: CPU: 0 PID: 1 at fs/dax.c:1 injected by the test' > /dev/kmsg\n"
                                + "echo '---[ end trace 0000000000000000 ]---' > /dev/kmsg\n")),
                new GuestJob("after-warning", List.of("echo alive\n")));
        // One VM, so that the boots come in a known order (VmPoolTest runs several).
        Vm vm = new Vm(
                KernelBuild.newestInstalled(),
                VmOptions.defaults().withJobTimeout(Duration.ofMinutes(2)).withGuests(1));
        List<Path> before = runFiles();
        run = vm.run(jobs, Optional.of(payload), events::add);
        leftBehind = runFiles();
        leftBehind.removeAll(before);
        System.out.println("vm figures: " + run.figures().summary());
    }

    /**
     * The RAM files and work directories of this JVM's runs (named after its pid: another daxspec
     * running beside the tests makes its own, and deletes them when it ends).
     */
    private static List<Path> runFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        String ours = "daxspec-vm-" + ProcessHandle.current().pid() + "-";
        for (Path dir : List.of(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")))) {
            try (var list = Files.list(dir)) {
                list.filter(p -> p.getFileName().toString().startsWith(ours)).forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void leavesNoRamFileOrWorkDirectoryBehind() {
        assertThat(leftBehind).isEmpty();
    }

    private GuestResult result(String id) {
        return run.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void reportsOutputExitStatusAndPayload() {
        GuestResult output = result("output");
        assertThat(output.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(output.phases()).hasSize(1);
        GuestPhaseResult phase = output.phases().get(0);
        assertThat(phase.exitStatus()).isEqualTo(7);
        assertThat(phase.output())
                .isEqualTo("out\nerr\ngolden\ndevices\n1073741824\npmem0 /mnt/scratch ext4 rw,relatime,dax=always\n");
    }

    @Test
    void sigbusIsExitStatus135() {
        GuestResult sigbus = result("sigbus");
        assertThat(sigbus.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(sigbus.phases().get(0).exitStatus()).isEqualTo(135);
        // xfs_io's buffered "wrote 1/1 bytes" dies with it: only bash's report is left.
        assertThat(sigbus.phases().get(0).output()).contains("Bus error");
    }

    @Test
    void panicFailsThatJobAndTheNextJobRuns() {
        GuestResult panic = result("panic");
        assertThat(panic.outcome()).isEqualTo(Outcome.KERNEL_ERROR);
        assertThat(panic.phases()).isEmpty();
        assertThat(panic.detail()).startsWith("Kernel panic - not syncing: sysrq triggered crash");
        assertThat(result("after-panic").outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result("after-panic").phases().get(0).output()).isEqualTo("alive\n");
    }

    @Test
    void hungJobIsTriedTwiceThenTimesOutAlone() {
        GuestResult hang = result("hang");
        assertThat(hang.outcome()).isEqualTo(Outcome.TIMED_OUT);
        // The reason, which try it was, then what the console printed since the phase began.
        // (On a loaded machine each limit also names the wall time and the wait for a CPU.)
        assertThat(hang.detail())
                .containsPattern("^phase 0 did not finish within 5 s( \\(.*\\))?\n"
                        + "\\(tried twice; the first try: TIMED_OUT: phase 0 did not finish within 5 s( \\(.*\\))?\\)\n"
                        + "the console since the phase began:\n");
        assertThat(events)
                .filteredOn(VmEvent.JobRetried.class::isInstance)
                .extracting(e -> ((VmEvent.JobRetried) e).first().id())
                .containsExactly("hang");
        assertThat(result("crash").phases()).isNotEmpty();
    }

    @Test
    void pmemSurvivesTheCrashBetweenPhasesAndRamDoesNot() {
        GuestResult crash = result("crash");
        assertThat(crash.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(crash.phases()).hasSize(2);
        assertThat(crash.phases().get(0).output()).isEqualTo("volatile");
        GuestPhaseResult after = crash.phases().get(1);
        assertThat(after.exitStatus()).isZero();
        assertThat(after.output())
                .startsWith("00000000:  ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab  ................\n")
                .endsWith("  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0\n");
        assertThat(after.kernelLog()).contains("EXT4-fs (pmem0): recovery complete\n");
    }

    @Test
    void kernelWarningSeenByTheGuestFailsThatJobAndTheGuestReboots() {
        GuestResult warning = result("warning");
        assertThat(warning.outcome()).isEqualTo(Outcome.KERNEL_ERROR);
        assertThat(warning.phases()).hasSize(1);
        assertThat(warning.detail())
                .isEqualTo("WARNING: CPU: 0 PID: 1 at fs/dax.c:1 injected by the test\n"
                        + "---[ end trace 0000000000000000 ]---");
        assertThat(result("after-warning").outcome()).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void bootsOnceThenRestoresItsSnapshotWhereverTheGuestMustStartAfresh() {
        assertThat(starts(VmEvent.Booting.class, b -> b.job() + "/" + b.phase()))
                .containsExactly("output/0");
        // Not for the crash between the crash job's phases: that one is done in place.
        assertThat(starts(VmEvent.Restoring.class, r -> r.job() + "/" + r.phase()))
                .containsExactly("after-panic/0", "hang/0", "crash/0", "after-warning/0");
        assertThat(events).filteredOn(VmEvent.SnapshotTaken.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(VmEvent.SnapshotDropped.class::isInstance).isEmpty();
        assertThat(run.results())
                .extracting(GuestResult::id)
                .containsExactly(
                        "output", "sigbus", "panic", "after-panic", "hang", "crash", "warning", "after-warning");
        assertThat(run.figures().boots()).isEqualTo(1);
        assertThat(run.figures().restores()).isEqualTo(4);
        assertThat(run.figures().crashesInPlace()).isEqualTo(1);
        assertThat(run.figures().meanKernelBoot()).isPositive();
        assertThat(run.figures().meanRestore()).isPositive();
        assertThat(run.figures().jobsPerMinute()).isPositive();
    }

    private <E extends VmEvent> List<String> starts(Class<E> type, Function<E, String> name) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .map(name)
                .toList();
    }
}

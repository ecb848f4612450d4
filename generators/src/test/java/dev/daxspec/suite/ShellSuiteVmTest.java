package dev.daxspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.emit.Cases;
import dev.daxspec.emit.Cli;
import dev.daxspec.emit.Format;
import dev.daxspec.emit.KnownDeviation;
import dev.daxspec.emit.Processes;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.SuiteOptions;
import dev.daxspec.emit.SuiteWriter;
import dev.daxspec.emit.TestCase;
import dev.daxspec.emit.Threads;
import dev.daxspec.emit.Verdict;
import dev.daxspec.run.GuestJob;
import dev.daxspec.run.GuestResult;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.RunResult;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emitted shell tests on Debian's 6.1 kernel in qemu: a suite from a few conformance cases
 * (DAX and page cache, a refused mount and its kernel log, small blocks, ext2, a fill to
 * ENOSPC) passes under {@code daxspec run}; a wrong expected output fails with the diff; a
 * recorded deviation is recognised; a mounted device is refused. Both tests run one VM on one
 * suite, written once, with a snapshot cache of their own, empty at first: the first, which
 * counts boots, boots and caches the guest, and the second starts from it (the payload is
 * part of the cached guest, so a suite of its own would boot again). Neither touches the
 * user's cache. Needs {@code ci/vm/setup}; run with {@code -Pvm}.
 */
@Tag("vm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellSuiteVmTest {

    /** The suite, the snapshot cache and the JUnit report, for both tests. */
    private Path tmp;

    /** The suite of both tests: {@link #PASSING} and {@link #wrongAndDeviating()}. */
    private Path dir;

    private Suite suite;

    /** The snapshot cache of both tests, in {@code XDG_CACHE_HOME}'s layout. */
    private Path cacheHome;

    private static final List<String> PASSING = List.of(
            "pwrite-unaligned@ext4-pmem-dax=always-4096",
            "pwrite-unaligned@xfs-brd-defaults-4096",
            "mount-dax-refused@ext4-brd-dax=always-4096",
            "mount-small-blocks-on-pmem@ext4-pmem-dax=inode-1024",
            "ext2-indirect-blocks@ext2-pmem-dax-4096",
            "enospc-xfs-run",
            "stat-dax-attribute@xfs-pmem-dax=always-4096");

    @BeforeAll
    void writeTheSuite(@TempDir Path tmp) throws IOException {
        this.tmp = tmp;
        dir = tmp.resolve("suite");
        cacheHome = tmp.resolve("cache");
        List<TestCase> cases = new ArrayList<>(Cases.named(PASSING.toArray(String[]::new)));
        cases.addAll(wrongAndDeviating());
        suite = SuiteWriter.write(cases, Format.SHELL, dir, SuiteOptions.NONE);
    }

    private static Suite.Test test(Suite suite, String id) {
        return suite.tests().stream()
                .filter(t -> t.ids().contains(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Order(1)
    void aSuiteOfConformanceCasesPassesUnderDaxspecRun() throws IOException {
        Path junit = tmp.resolve("junit.xml");
        List<String> args = new ArrayList<>(List.of("run", dir.toString(), "--junit", junit.toString()));
        for (String id : PASSING) {
            args.add("--test=" + id);
        }
        // An empty snapshot cache of its own: from the user's, the VM would restore instead of
        // booting. One VM (the JVM sees one CPU): the runs on several share ci/test's shell suite.
        Processes.Result r = Cli.run(
                args,
                0,
                Map.of("XDG_CACHE_HOME", cacheHome.toString(), "JAVA_TOOL_OPTIONS", "-XX:ActiveProcessorCount=1"),
                tmp);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        for (String id : PASSING) {
            assertThat(r.out()).contains("] PASS            " + id + "\n");
        }
        // One boot for the VM: no test crashes its VM.
        assertThat(r.out())
                .containsPattern("kernel \\S+: 7 jobs, 1 boot"
                        + " \\(kernel [0-9.]+ s, wall [0-9.]+ s each\\), [0-9.]+ jobs/min")
                .endsWith("\n7 passed, 0 failed\n");
        assertThat(Files.readString(junit)).contains("tests=\"7\" failures=\"0\"");
    }

    /** A test whose expected output is wrong, and the same with that output as a recorded deviation. */
    private static List<TestCase> wrongAndDeviating() {
        TestCase real = Cases.named("pwrite-unaligned@ext4-brd-defaults-4096").get(0);
        String wrong = real.expected()
                .get(0)
                .replace("wrote 1000/1000 bytes at offset 100", "wrote 999/1000 bytes at offset 100");
        assertThat(wrong).isNotEqualTo(real.expected().get(0));
        TestCase failing = new TestCase(
                "wrong-expected",
                real.title(),
                real.about(),
                real.tags(),
                real.program(),
                List.of(wrong),
                Optional.empty(),
                List.of());
        TestCase deviating = new TestCase(
                "deviating",
                real.title(),
                real.about(),
                real.tags(),
                real.program(),
                List.of(wrong),
                Optional.empty(),
                List.of(new KnownDeviation(
                        "deviating",
                        "6.1.0",
                        "004",
                        "B1",
                        "writes what it was asked to",
                        real.expected().get(0))));
        return List.of(failing, deviating);
    }

    @Test
    @Order(2)
    void wrongOutputFailsWithTheDiffADeviationIsKnownAndAMountedDeviceIsRefused() {
        Suite.Test wrong = test(suite, "wrong-expected");
        Suite.Test deviating = test(suite, "deviating");
        List<GuestJob> jobs = List.of(
                new GuestJob("wrong", List.of(SuiteRunner.command(wrong))),
                new GuestJob("deviating", List.of(SuiteRunner.command(deviating))),
                new GuestJob(
                        "mounted",
                        List.of("mkfs.ext4 -q -F /dev/ram0 && mkdir -p /mnt/other"
                                + " && mount /dev/ram0 /mnt/other || exit 99\n"
                                + SuiteRunner.command(wrong)
                                + "echo \"status $?\"\nls -A /mnt/other /mnt/scratch\numount /mnt/other\n")));
        // The guest the first test cached, with this suite in it (a boot when that test did not
        // run first).
        RunResult run = new Vm(
                        KernelBuild.newestInstalled(),
                        VmOptions.defaults().withGuests(1).withSnapshotCache(cacheHome.resolve("daxspec/snapshots")))
                .run(jobs, Optional.of(dir), e -> {});
        System.out.println("wrong, deviating, mounted: " + run.figures().summary());
        List<GuestResult> results = run.results();
        assertThat(results).extracting(GuestResult::outcome).containsOnly(GuestResult.Outcome.COMPLETED);

        SuiteRunner.Outcome fail = SuiteRunner.judge(wrong, results.get(0), 0);
        assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fail.output())
                .contains(
                        "--- expected (wrong-expected.out)\n+++ actual\n",
                        "-wrote 999/1000 bytes at offset 100\n+wrote 1000/1000 bytes at offset 100\n")
                .endsWith("FAIL wrong-expected\n");

        SuiteRunner.Outcome deviation = SuiteRunner.judge(deviating, results.get(1), 0);
        assertThat(deviation.verdict()).isEqualTo(Verdict.KNOWN_DEVIATION);
        assertThat(deviation.detail())
                .isEqualTo("kernel 6.1.0: departs from B1 (" + Threads.cite("004") + "): writes what it was asked to");

        assertThat(results.get(2).phases().get(0).output())
                .isEqualTo("REFUSED wrong-expected: /dev/ram0 (device 1:0) is mounted on /mnt/other\n"
                        + "status 4\n/mnt/other:\nlost+found\n\n/mnt/scratch:\n");
    }
}

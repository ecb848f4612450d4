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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emitted shell tests on Debian's 6.1 kernel in qemu: a suite from a few conformance cases
 * (DAX and page cache, a refused mount and its kernel log, small blocks, ext2, a fill to
 * ENOSPC) passes under {@code daxspec run}; a wrong expected output fails with the diff; a
 * recorded deviation is recognised; a mounted device is refused. The test that counts boots has
 * a snapshot cache of its own, empty; the other starts from the user's, as the commands do.
 * Needs {@code ci/vm/setup}; run with {@code -Pvm}.
 */
@Tag("vm")
class ShellSuiteVmTest {

    @TempDir
    Path tmp;

    @Test
    void aSuiteOfConformanceCasesPassesUnderDaxspecRun() throws IOException {
        Path suite = tmp.resolve("suite");
        List<TestCase> cases = Cases.named(
                "pwrite-unaligned@ext4-pmem-dax=always-4096",
                "pwrite-unaligned@xfs-brd-defaults-4096",
                "mount-dax-refused@ext4-brd-dax=always-4096",
                "mount-small-blocks-on-pmem@ext4-pmem-dax=inode-1024",
                "ext2-indirect-blocks@ext2-pmem-dax-4096",
                "enospc-xfs-run",
                "stat-dax-attribute@xfs-pmem-dax=always-4096");
        SuiteWriter.write(cases, Format.SHELL, suite, SuiteOptions.NONE);
        Path junit = tmp.resolve("junit.xml");
        // An empty snapshot cache of its own: from the user's, the VMs restore instead of booting.
        Processes.Result r = Cli.run(
                List.of("run", suite.toString(), "--junit", junit.toString()),
                0,
                Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()),
                tmp);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        for (TestCase tc : cases) {
            assertThat(r.out()).contains("] PASS            " + tc.id() + "\n");
        }
        // One boot for each VM (as many as the host has CPUs): no test crashes its VM.
        assertThat(r.out())
                .containsPattern("kernel \\S+: 7 jobs(?:, 1 boot| on ([0-9]+) VMs, \\1 boots)"
                        + " \\(kernel [0-9.]+ s, wall [0-9.]+ s each\\), [0-9.]+ jobs/min")
                .endsWith("\n7 passed, 0 failed\n");
        assertThat(Files.readString(junit)).contains("tests=\"7\" failures=\"0\"");
    }

    @Test
    void wrongOutputFailsWithTheDiffADeviationIsKnownAndAMountedDeviceIsRefused() throws IOException {
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
        Path dir = tmp.resolve("suite");
        Suite suite = SuiteWriter.write(List.of(failing, deviating), Format.SHELL, dir, SuiteOptions.NONE);
        List<GuestJob> jobs = List.of(
                new GuestJob("wrong", List.of(SuiteRunner.command(suite.tests().get(1)))),
                new GuestJob(
                        "deviating", List.of(SuiteRunner.command(suite.tests().get(0)))),
                new GuestJob(
                        "mounted",
                        List.of("mkfs.ext4 -q -F /dev/ram0 && mkdir -p /mnt/other"
                                + " && mount /dev/ram0 /mnt/other || exit 99\n"
                                + SuiteRunner.command(suite.tests().get(1))
                                + "echo \"status $?\"\nls -A /mnt/other /mnt/scratch\numount /mnt/other\n")));
        RunResult run = new Vm(
                        KernelBuild.newestInstalled(),
                        VmOptions.defaults().withSnapshotCache(VmOptions.userSnapshotCache()))
                .run(jobs, Optional.of(dir), e -> {});
        List<GuestResult> results = run.results();
        assertThat(results).extracting(GuestResult::outcome).containsOnly(GuestResult.Outcome.COMPLETED);

        SuiteRunner.Outcome fail = SuiteRunner.judge(suite.tests().get(1), results.get(0), 0);
        assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fail.output())
                .contains(
                        "--- expected (wrong-expected.out)\n+++ actual\n",
                        "-wrote 999/1000 bytes at offset 100\n+wrote 1000/1000 bytes at offset 100\n")
                .endsWith("FAIL wrong-expected\n");

        SuiteRunner.Outcome deviation = SuiteRunner.judge(suite.tests().get(0), results.get(1), 0);
        assertThat(deviation.verdict()).isEqualTo(Verdict.KNOWN_DEVIATION);
        assertThat(deviation.detail())
                .isEqualTo("kernel 6.1.0: departs from B1 (" + Threads.cite("004") + "): writes what it was asked to");

        assertThat(results.get(2).phases().get(0).output())
                .isEqualTo("REFUSED wrong-expected: /dev/ram0 (device 1:0) is mounted on /mnt/other\n"
                        + "status 4\n/mnt/other:\nlost+found\n\n/mnt/scratch:\n");
    }
}

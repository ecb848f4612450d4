package dev.daxspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.emit.Suite;
import dev.daxspec.emit.Verdict;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.run.GuestPhaseResult;
import dev.daxspec.run.GuestResult;
import dev.daxspec.suite.SuiteRunner.Outcome;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A test's verdict is ./check's, from the xunit report its job prints after ./check's own
 * output; a job that printed no report for the test is INFRA. The output is a real
 * ./check's (fixtures/xfstests/README), with the two lines the job's script adds.
 */
class XfstestsRunnerTest {

    private static final Suite.Test FAILED = new Suite.Test("tests/ext4/064", DeviceKind.BRD, List.of("io-enospc-32"));
    private static final Suite.Test NOT_RUN =
            new Suite.Test("tests/generic/789", DeviceKind.PMEM, List.of("io-unaligned_writes-53"));
    private static final Suite.Test PASSED =
            new Suite.Test("tests/generic/790", DeviceKind.BRD, List.of("io-unaligned_writes-54"));

    /** What the job printed: ./check's output, its status, the marker, the report. */
    private static String jobOutput() throws IOException {
        return XunitReportTest.fixture("check-6.18.44-ext4-loop.out")
                + "check exited 1\n"
                + XfstestsRunner.REPORT_MARKER
                + "\n"
                + XunitReportTest.fixture("result-6.18.44-ext4-loop.xml");
    }

    private static Outcome judge(Suite.Test t, String output, String kernelLog) {
        return XfstestsRunner.judge(
                t,
                new GuestResult(
                        "x", List.of(new GuestPhaseResult(output, 0, kernelLog)), GuestResult.Outcome.COMPLETED, ""),
                2.5,
                List.of());
    }

    @Test
    void theJobRunsCheckInTheSectionAndPrintsItsReport() {
        assertThat(XfstestsRunner.command(new XfstestsSection("xfs", DeviceKind.PMEM), NOT_RUN))
                .isEqualTo("""
                        export PATH=/opt/xfstests/bin:/bin
                        mkdir -p /mnt/test /mnt/scratch
                        umount /mnt/test /mnt/scratch 2>/dev/null
                        rm -rf /tmp/xfstests-results
                        mkfs.xfs -q -f /dev/ram0 || exit 1
                        cd /payload || exit 1
                        HOST_OPTIONS=/payload/daxspec-sections/xfs-pmem.config ./check -s xfs-pmem -R xunit 'generic/789'
                        echo "check exited $?"
                        echo 'DAXSPEC XUNIT REPORT'
                        cat /tmp/xfstests-results/xfs-pmem/result.xml 2>/dev/null
                        echo 'DAXSPEC OUT.BAD'
                        cat '/tmp/xfstests-results/xfs-pmem/generic/789.out.bad' 2>/dev/null
                        """);
    }

    @Test
    void checksVerdictIsTheTests() throws IOException {
        String out = jobOutput();
        Outcome pass = judge(PASSED, out, "");
        assertThat(pass.verdict()).isEqualTo(Verdict.PASS);
        assertThat(pass.output()).startsWith("./check: line 685").contains("generic/790         145s\n");
        assertThat(pass.output()).doesNotContain(XfstestsRunner.REPORT_MARKER, "<testsuite");

        Outcome notRun = judge(NOT_RUN, out, "");
        assertThat(notRun)
                .extracting(Outcome::verdict, Outcome::detail)
                .containsExactly(Verdict.NOTRUN, "mount /dev/loop1 with dax=always failed");

        Outcome fail = judge(FAILED, out, "EXT4-fs (loop1): mounted filesystem\n");
        assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fail.output()).startsWith("--- tests/ext4/064.out\t").contains("+pwrite: No space left on device\n");
        assertThat(fail.detail())
                .isEqualTo("- output mismatch (see /tmp/xfstests-results/ext4-brd/ext4/064.out.bad)\n"
                        + "kernel log while it ran:\nEXT4-fs (loop1): mounted filesystem");
    }

    /**
     * The failure of ext4/064 above, with the {@code .out.bad} the job prints after the
     * report: that exact output is a known deviation; one byte else is a failure still.
     */
    @Test
    void aFailureThatPrintsAKnownDeviationExactlyIsAKnownDeviation() throws IOException {
        String bad = "QA output created by 064\n$ xfs_io -c \"pwrite 0 1048576\" SCRATCH_MNT/f\n"
                + "pwrite: No space left on device\nexit 1\n";
        String out = jobOutput() + XfstestsRunner.OUT_BAD_MARKER + "\n" + bad;
        GuestResult r =
                new GuestResult("x", List.of(new GuestPhaseResult(out, 0, "")), GuestResult.Outcome.COMPLETED, "");

        Outcome known = XfstestsRunner.judge(
                FAILED, r, 2.5, List.of(new XfstestsRunner.Known(bad, "departs from B9 (...): because")));
        assertThat(known)
                .extracting(Outcome::verdict, Outcome::detail)
                .containsExactly(Verdict.KNOWN_DEVIATION, "departs from B9 (...): because");
        assertThat(known.output()).startsWith("--- tests/ext4/064.out\t");

        Outcome other = XfstestsRunner.judge(
                FAILED, r, 2.5, List.of(new XfstestsRunner.Known(bad.replace("exit 1", "exit 2"), "because")));
        assertThat(other.verdict()).isEqualTo(Verdict.FAIL);
        // The .out.bad is not part of the report.
        assertThat(XfstestsRunner.report(out)).doesNotContain(XfstestsRunner.OUT_BAD_MARKER, "QA output");
    }

    @Test
    void noReportForTheTestIsInfraWithChecksOutput() throws IOException {
        Outcome fatal = judge(PASSED, "mkfs not found\ncheck exited 1\n" + XfstestsRunner.REPORT_MARKER + "\n", "");
        assertThat(fatal)
                .extracting(Outcome::verdict, Outcome::output, Outcome::detail)
                .containsExactly(Verdict.INFRA, "mkfs not found\ncheck exited 1\n", "./check wrote no xunit report");

        Suite.Test other = new Suite.Test("tests/xfs/333", DeviceKind.PMEM, List.of("io-enospc-67"));
        assertThat(judge(other, jobOutput(), "").detail()).isEqualTo("./check's report has no xfs/333");

        Outcome broken = judge(PASSED, "x\n" + XfstestsRunner.REPORT_MARKER + "\n<testsuite>\n<testcase", "");
        assertThat(broken.verdict()).isEqualTo(Verdict.INFRA);
        assertThat(broken.detail()).startsWith("result.xml: line ");
    }

    @Test
    void aTimeoutTwiceIsInfraAndAKernelErrorFails() {
        Outcome timeout = XfstestsRunner.judge(
                PASSED,
                new GuestResult("x", List.of(), GuestResult.Outcome.TIMED_OUT, "phase 0 did not finish"),
                1,
                List.of());
        assertThat(timeout)
                .extracting(Outcome::verdict, Outcome::detail)
                .containsExactly(Verdict.INFRA, "TIMED_OUT: phase 0 did not finish");
        Outcome oops = XfstestsRunner.judge(
                PASSED,
                new GuestResult("x", List.of(), GuestResult.Outcome.KERNEL_ERROR, "BUG: unable to handle page fault"),
                1,
                List.of());
        assertThat(oops.verdict()).isEqualTo(Verdict.FAIL);
    }
}

package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelErrorsTest {

    static final String WARNING_LOG = String.join(
            "\n",
            "EXT4-fs (pmem0): mounted filesystem with ordered data mode. Quota mode: none.",
            "------------[ cut here ]------------",
            "WARNING: CPU: 1 PID: 212 at fs/dax.c:1617 dax_iomap_pte_fault+0x5c1/0x6a0",
            "Modules linked in: xfs ext4 crc16 mbcache jbd2 brd nd_e820 nd_pmem nd_btt libnvdimm",
            "Call Trace:",
            " <TASK>",
            " __do_fault+0x37/0x140",
            " </TASK>",
            "---[ end trace 0000000000000000 ]---",
            "EXT4-fs (pmem0): unmounting filesystem.",
            "");

    static final String PANIC_LOG = String.join(
            "\n",
            "sysrq: Trigger a crash",
            "Kernel panic - not syncing: sysrq triggered crash",
            "CPU: 0 PID: 215 Comm: bash Not tainted 6.1.0-56-amd64 #1  Debian 6.1.158-1",
            "Call Trace:",
            " <TASK>",
            " dump_stack_lvl+0x44/0x5c",
            "");

    static final String CLEAN_LOG = String.join(
            "\n",
            "EXT4-fs (pmem0): DAX unsupported by block device.",
            "XFS (pmem0): DAX enabled. Warning: EXPERIMENTAL, use at your own risk",
            "EXT4-fs warning (device pmem0): ext4_dax_huge_fault: x",
            "");

    @Test
    void cutsTheWarningReportFromCutHereToEndTrace() {
        assertThat(KernelErrors.firstReport(WARNING_LOG))
                .hasValue(WARNING_LOG.substring(
                        WARNING_LOG.indexOf("------------[ cut here"),
                        WARNING_LOG.indexOf("\nEXT4-fs (pmem0): unmounting")));
    }

    @Test
    void aPanicWithoutEndMarkerRunsToTheEndOfTheLog() {
        assertThat(KernelErrors.firstReport(PANIC_LOG))
                .hasValue(PANIC_LOG.substring(PANIC_LOG.indexOf("Kernel panic"), PANIC_LOG.length() - 1));
    }

    @Test
    void aBugLineStartsAReport() {
        assertThat(KernelErrors.firstReport("x\nBUG: kernel NULL pointer dereference, address: 0\ny\n"))
                .hasValue("BUG: kernel NULL pointer dereference, address: 0\ny");
    }

    @Test
    void ordinaryMessagesAreNoError() {
        assertThat(KernelErrors.firstReport(CLEAN_LOG)).isEmpty();
        assertThat(KernelErrors.firstReport("")).isEmpty();
    }

    @Test
    void reportIsCappedAtEightyLines() {
        String log = "BUG: soft lockup\n" + " frame\n".repeat(200);
        assertThat(KernelErrors.firstReport(log).orElseThrow().lines()).hasSize(80);
    }

    /** The guest decides with busybox grep -E what the host decides with java.util.regex. */
    @Test
    void busyboxGrepReadsTheExpressionLikeJava(@TempDir Path dir) throws Exception {
        Optional<Path> busybox = Executables.find("busybox");
        Assumptions.assumeTrue(busybox.isPresent(), "busybox is not installed");
        Path ere = Files.writeString(dir.resolve("ere"), KernelErrors.FIRST_LINE + "\n");
        Pattern java = Pattern.compile(KernelErrors.FIRST_LINE);
        for (String log : List.of(WARNING_LOG, PANIC_LOG, CLEAN_LOG)) {
            for (String line : log.lines().toList()) {
                assertThat(grep(busybox.get(), ere, line, dir))
                        .as(line)
                        .isEqualTo(java.matcher(line).find());
            }
        }
    }

    private static boolean grep(Path busybox, Path ere, String line, Path dir)
            throws IOException, InterruptedException {
        Path input = Files.writeString(dir.resolve("line"), line + "\n", StandardCharsets.UTF_8);
        Process grep =
                new ProcessBuilder(busybox.toString(), "grep", "-qE", "-f", ere.toString(), input.toString()).start();
        int status = grep.waitFor();
        assertThat(status).isIn(0, 1);
        return status == 0;
    }
}

package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scripts' kernel log: warning-and-worse lines after the mark, timestamps gone, and
 * printk's ratelimit notices left out (a conform run of many mounts printed
 * "EXT4-fs mount: 14 callbacks suppressed" into one case's transcript).
 */
class KernelLogFunctionsTest {

    @TempDir
    Path dir;

    /** The host's awk (mawk or gawk), and busybox's, which the guests of daxspec run have. */
    static List<String> awks() {
        return List.of("awk", "busybox");
    }

    @ParameterizedTest
    @MethodSource("awks")
    void linesAfterTheMarkOfWarningLevelAndWorseWithoutRatelimitNotices(String awk) throws Exception {
        String script = ProgramScript.KERNEL_LOG_FUNCTIONS + """
                dmesg() {
                	printf '%s\\n' '<3>[    1.000000] EXT4-fs (pmem0): before the mark' \\
                		'<12>[    2.000000] daxspec: kernel log mark 1' \\
                		'<4>[    3.000000] EXT4-fs mount: 14 callbacks suppressed' \\
                		'<6>[    3.500000] EXT4-fs (pmem0): mounted filesystem' \\
                		'<3>[    4.000000] EXT4-fs (pmem0): an error' \\
                		'<11>[    4.500000] user facility, level 3' \\
                		'<0>a kernel without printk times: [1.5] stays'
                }
                daxspec_klog_mark="daxspec: kernel log mark 1"
                daxspec_kernel_log
                """;
        assertThat(run(script, awk))
                .isEqualTo("kernel: EXT4-fs (pmem0): an error\nkernel: a kernel without printk times: [1.5] stays\n");
    }

    @ParameterizedTest
    @MethodSource("awks")
    void aMarkNotFoundIsReportedAsAKernelLine(String awk) throws Exception {
        String script = ProgramScript.KERNEL_LOG_FUNCTIONS + """
                dmesg() {
                	printf '%s\\n' '<3>[    1.000000] EXT4-fs (pmem0): an error before any mark'
                }
                daxspec_klog_mark="daxspec: kernel log mark 2"
                daxspec_kernel_log
                """;
        assertThat(run(script, awk)).isEqualTo("kernel: daxspec: the kernel log mark is missing\n");
    }

    /** Runs {@code script} with {@code awk}: the one on PATH, or {@code busybox awk}. */
    private String run(String script, String awk) throws Exception {
        String prefix = awk.equals("busybox") ? "awk() { busybox awk \"$@\"; }\n" : "";
        Path f = Files.writeString(dir.resolve("log.sh"), prefix + script);
        Process p = new ProcessBuilder("bash", f.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out;
    }
}

package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts' kernel log: warning-and-worse lines after the mark, timestamps gone, and
 * printk's ratelimit notices left out (a conform run of many mounts printed
 * "EXT4-fs mount: 14 callbacks suppressed" into one case's transcript).
 */
class KernelLogFunctionsTest {

    @TempDir
    Path dir;

    @Test
    void linesAfterTheMarkOfWarningLevelAndWorseWithoutRatelimitNotices() throws Exception {
        String script = ProgramScript.KERNEL_LOG_FUNCTIONS + """
                dmesg() {
                	printf '%s\\n' '<3>[    1.000000] EXT4-fs (pmem0): before the mark' \\
                		'<12>[    2.000000] daxspec: kernel log mark 1' \\
                		'<4>[    3.000000] EXT4-fs mount: 14 callbacks suppressed' \\
                		'<6>[    3.500000] EXT4-fs (pmem0): mounted filesystem' \\
                		'<3>[    4.000000] EXT4-fs (pmem0): an error'
                }
                daxspec_klog_mark="daxspec: kernel log mark 1"
                daxspec_kernel_log
                """;
        Path f = Files.writeString(dir.resolve("log.sh"), script);
        Process p = new ProcessBuilder("bash", f.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo("kernel: EXT4-fs (pmem0): an error\n");
    }
}

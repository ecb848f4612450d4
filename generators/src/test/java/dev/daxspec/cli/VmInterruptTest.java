package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.testing.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGTERM in the middle of {@code daxspec conform} on a real kernel stops it at once: no
 * verdict for the case it cut short, no qemu left running, no RAM file left in {@code /dev/shm}
 * and no work directory. Needs what {@code ci/vm/setup} installs.
 */
@Tag("vm")
class VmInterruptTest {

    @TempDir
    Path dir;

    @Test
    void aSignalStopsTheRunWithoutVerdictsAndLeavesNothing() throws Exception {
        for (String signal : Signals.toStop()) {
            Path log = dir.resolve(signal + ".err");
            Path out = dir.resolve(signal + ".out");
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Ddaxspec.home=" + Path.of("..").toAbsolutePath().normalize(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.daxspec.cli.Main",
                            "conform",
                            "--case",
                            "mmap-*")
                    .redirectError(log.toFile())
                    .redirectOutput(out.toFile())
                    .start();
            for (int i = 0; i < 3000 && p.isAlive() && !Files.readString(log).contains("running "); i++) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).as("a case runs").contains("running ");
            assertThat(leftBehind(p.pid())).as("while it runs").isNotEmpty();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .start()
                    .waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(p.exitValue()).isEqualTo(signal.equals("INT") ? 130 : 143);
            assertThat(Files.readString(out)).doesNotContain("FAIL", "INFRA", "passed");
            assertThat(Files.readString(log)).doesNotContain("booting VM 1 again", "trying once more");
            assertThat(leftBehind(p.pid()))
                    .as("after SIG" + signal + "; its stderr:\n" + Files.readString(log))
                    .isEmpty();
            assertThat(qemuOf(p.pid())).as("qemu after SIG" + signal).isEmpty();
        }
    }

    /** The work directories and RAM files of the run of process {@code pid}. */
    private static List<Path> leftBehind(long pid) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path d : List.of(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")))) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(f -> f.getFileName().toString().startsWith("daxspec-vm-" + pid + "-"))
                        .forEach(files::add);
            }
        }
        return files;
    }

    /** qemu processes whose command line names a file of the run of process {@code pid}. */
    private static List<ProcessHandle> qemuOf(long pid) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info()
                        .commandLine()
                        .map(c -> c.contains("qemu-system") && c.contains("daxspec-vm-" + pid + "-"))
                        .orElse(false))
                .toList();
    }
}

package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that dies of SIGBUS, as rules expect xfs_io to, writes no core file in either
 * format (xfstests' {@code ./check} fails a test that leaves one), and still prints
 * {@code exit 135} and nothing from bash about the signal. Runs a stand-in for xfs_io that
 * kills itself with SIGBUS, with core dumps allowed by the caller; skipped where this
 * machine would not write a core to the working directory anyway.
 */
class NoCoreDumpTest {

    private static final String STEP = "xfs_io -c \"mread 0 1\" SCRATCH_MNT/f";

    @TempDir
    Path tmp;

    private Path bus;

    @BeforeEach
    void busErrorStandIn() throws IOException {
        bus = tmp.resolve("bus");
        Files.writeString(bus, "#!/bin/sh\necho mapped\nkill -BUS $$\n");
        Files.setPosixFilePermissions(bus, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path control = Files.createDirectories(tmp.resolve("control"));
        Processes.run(List.of("bash", "-c", "ulimit -c unlimited && " + bus), control);
        assumeTrue(cores(control).length > 0, "this machine writes no core to the working directory");
    }

    @Test
    void theXfstestsStepHelperRunsXfsIoWithoutCoreDumps() throws IOException {
        Path out = tmp.resolve("x");
        SuiteWriter.write(
                Cases.named("pwrite-crosses-pages@ext4-pmem-dax=always-4096"),
                Format.XFSTESTS,
                out,
                new SuiteOptions(OptionalInt.of(900), Optional.empty()));
        String common = Files.readString(out.resolve(XfstestsLibrary.PATH));
        Path cwd = Files.createDirectories(tmp.resolve("xfstests-cwd"));
        String script = "ulimit -c unlimited\n"
                + "_filter_xfs_io() { cat; }\n_filter_scratch() { cat; }\n" + common
                + "_daxspec_filter() { cat; }\nXFS_IO_PROG=" + bus + "\n"
                + "_daxspec_xfs_io " + ShellQuote.single(STEP) + " -c 'mread 0 1'\n";
        Processes.Result r = Processes.run(List.of("bash", "-c", script), cwd);
        assertThat(r.out()).isEqualTo("$ " + STEP + "\nmapped\nexit 135\n");
        assertThat(r.err()).isEmpty();
        assertThat(cores(cwd)).isEmpty();
    }

    @Test
    void theShellSuiteRunsItsProgramWithoutCoreDumps() throws IOException {
        Path suite = tmp.resolve("s");
        SuiteWriter.write(
                Cases.named("pwrite-crosses-pages@ext4-pmem-dax=always-4096"), Format.SHELL, suite, SuiteOptions.NONE);
        Files.writeString(suite.resolve("tests/bus.out"), "$ " + STEP + "\nmapped\nexit 135\n");
        Path cwd = Files.createDirectories(tmp.resolve("shell-cwd"));
        String script = ". " + suite.resolve("common/daxspec.sh") + "\n"
                + "daxspec_filter() { cat; }\ndaxspec_id=bus\n"
                + "daxspec_program() {\n\techo " + ShellQuote.single("$ " + STEP) + "\n"
                + "\t{ " + bus + " 2>&1; status=$?; } 2>/dev/null\n"
                + "\tif [ \"$status\" -ne 0 ]; then echo \"exit $status\"; fi\n}\n"
                + "ulimit -c unlimited\ndaxspec_check pmem0\n";
        Processes.Result r = Processes.run(List.of("bash", "-c", script), cwd);
        assertThat(r.out()).isEqualTo("PASS bus\n");
        assertThat(r.err()).isEmpty();
        assertThat(cores(cwd)).isEmpty();
    }

    private static Path[] cores(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("core"))
                    .toArray(Path[]::new);
        }
    }
}

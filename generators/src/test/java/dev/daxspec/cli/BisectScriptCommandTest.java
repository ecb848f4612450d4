package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.TestCases;
import dev.daxspec.emit.Format;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.emit.SuiteOptions;
import dev.daxspec.emit.SuiteWriter;
import dev.daxspec.emit.TestCase;
import dev.daxspec.series.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git bisect script: it passes shellcheck and bash -n, and maps what {@code daxspec run}
 * prints to the exit statuses git bisect run reads, run for real against a stand-in daxspec.
 */
class BisectScriptCommandTest {

    private static final String ID = "pwrite-unaligned@ext4-pmem-dax=always-4096";

    @TempDir
    Path tmp;

    private Path suite;
    private Path script;
    private Path kernel;
    private Path modules;

    @BeforeEach
    void write() throws IOException {
        CaseFileParser p = new CaseFileParser();
        p.parse(Fixtures.root().resolve("fixtures/conformance/io-write.case"));
        List<TestCase> cases = TestCases.of(p.cases(), KnownDeviations.none()).stream()
                .filter(t -> t.id().startsWith("pwrite-unaligned@"))
                .toList();
        suite = tmp.resolve("a suite");
        SuiteWriter.write(cases, Format.SHELL, suite, SuiteOptions.NONE);
        script = tmp.resolve("bisect.sh");
        SeriesCommandTest.Result r = SeriesCommandTest.run(
                "series",
                "bisect-script",
                "--test",
                ID,
                "--suite",
                suite.toString(),
                "--out",
                script.toString(),
                "--timeout",
                "60");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        "wrote " + script + ": git bisect run " + script + " KERNEL_IMAGE MODULES_DIR (see --help)\n");
        kernel = Files.writeString(tmp.resolve("bzImage"), "not really a kernel");
        modules = Files.createDirectories(tmp.resolve("lib/modules/6.12.0"));
    }

    @Test
    void theScriptPassesShellcheckAndBashN() throws Exception {
        assertThat(script).isExecutable();
        assertThat(run(List.of("bash", "-n", script.toString()), Map.of()).status)
                .isZero();
        Proc sc = run(List.of("shellcheck", "-s", "bash", script.toString()), Map.of());
        assertThat(sc.status).as(sc.out).isZero();
    }

    @Test
    void daxspecRunsVerdictIsTheExitStatusGitBisectReads() throws Exception {
        assertThat(bisect("[1/1] PASS            " + ID + "\n\nkernel 6.12.0: ...\n1 passed, 0 failed\n", 0))
                .isZero();
        assertThat(Files.readString(tmp.resolve("args")))
                .isEqualTo(String.join(
                                "\n",
                                "run",
                                "--kernel",
                                kernel.toString(),
                                "--modules",
                                modules.toString(),
                                "--timeout",
                                "60",
                                "--test",
                                ID,
                                suite.toAbsolutePath().toString())
                        + "\n");
        assertThat(bisect("[1/1] FAIL            " + ID + "\n    --- expected\n1 passed, 1 failed\n", 1))
                .isEqualTo(1);
        assertThat(bisect("[1/1] KNOWN-DEVIATION " + ID + ": kernel 6.1.0: why\n", 0))
                .isEqualTo(1);
        assertThat(bisect("[1/1] FAIL            " + ID + ": KERNEL_ERROR: BUG: unable to handle page fault\n", 1))
                .isEqualTo(1);
        assertThat(bisect("[1/1] FAIL            " + ID + ": TIMED_OUT: no output for 60 s\n", 1))
                .isEqualTo(1);
        assertThat(bisect("[1/1] NOTRUN          " + ID + ": needs a device with DAX\n", 0))
                .isEqualTo(125);
        assertThat(bisect("[1/1] FAIL            " + ID + ": VM_FAILED: the guest gave up\n", 1))
                .isEqualTo(125);
        assertThat(bisect("[1/1] FAIL            " + ID + ": the test refused to run: /dev/pmem0 is mounted\n", 1))
                .isEqualTo(125);
        assertThat(bisect("daxspec: the kernel did not boot\n", 2)).isEqualTo(125);
    }

    @Test
    void noKernelStopsTheBisectionAMissingImageSkipsTheCommit() throws Exception {
        Proc none = run(List.of(script.toString()), Map.of("DAXSPEC", "false"));
        assertThat(none.status).isEqualTo(255);
        assertThat(none.out).contains("usage: ");
        Proc missing = run(
                List.of(script.toString(), tmp.resolve("nope").toString(), modules.toString()),
                Map.of("DAXSPEC", "false"));
        assertThat(missing.status).isEqualTo(125);
        assertThat(missing.out).contains("did the build fail?");
        Path fake = fake("[1/1] PASS            " + ID + "\n", 0);
        Proc env = run(
                List.of(script.toString()),
                Map.of(
                        "DAXSPEC",
                        fake.toString(),
                        "DAXSPEC_KERNEL",
                        kernel.toString(),
                        "DAXSPEC_MODULES",
                        modules.toString()));
        assertThat(env.status).as(env.out).isZero();
    }

    @Test
    void anUnknownTestOrANonShellSuiteIsRefused() {
        SeriesCommandTest.Result r = SeriesCommandTest.run(
                "series",
                "bisect-script",
                "--test",
                "pwrite-unaligned",
                "--suite",
                suite.toString(),
                "--out",
                tmp.resolve("x.sh").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("daxspec: " + suite + " has no test pwrite-unaligned; the tests of scenario"
                        + " pwrite-unaligned are pwrite-unaligned@")
                .hasLineCount(1);
        assertThat(tmp.resolve("x.sh")).doesNotExist();
    }

    /** Runs the script on {@link #kernel} with a daxspec that prints {@code output} and exits {@code status}. */
    private int bisect(String output, int status) throws Exception {
        Path fake = fake(output, status);
        Proc p = run(
                List.of(script.toString(), kernel.toString(), modules.toString()), Map.of("DAXSPEC", fake.toString()));
        assertThat(p.out).contains(output.lines().findFirst().orElseThrow());
        return p.status;
    }

    private Path fake(String output, int status) throws IOException {
        Path out = Files.writeString(tmp.resolve("fake.out"), output);
        Path fake = tmp.resolve("fake-daxspec");
        Files.writeString(
                fake,
                "#!/bin/bash\nprintf '%s\\n' \"$@\" > '" + tmp.resolve("args") + "'\ncat '" + out + "'\nexit " + status
                        + "\n");
        fake.toFile().setExecutable(true);
        return fake;
    }

    private record Proc(int status, String out) {}

    private static Proc run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
        pb.environment().remove("DAXSPEC_KERNEL");
        pb.environment().remove("DAXSPEC_MODULES");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Proc(p.waitFor(), out);
    }
}

package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.Invocation;
import dev.daxspec.testing.Signals;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code daxspec bench}: its options, the workload and script the two sides share, and, as
 * root with loop devices (as .ci/run runs the tests), the kernel side: it replays a tiny
 * workload and leaves no loop device, mount or image behind, after a normal end and after
 * SIGINT and SIGTERM. No figure is asserted: the benchmark prints them.
 */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void badOptionsAreOneLineAndExit2() {
        for (String[] args : List.of(
                new String[] {"--commands", "0"},
                new String[] {"--per-run", "0"},
                new String[] {"--pairs", "0"},
                new String[] {"--oracle-only", "--image-dir", "/tmp"},
                new String[] {"--pairs", "two"})) {
            Result r = run(args);
            assertThat(r.status).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err.lines().findFirst().orElseThrow()).startsWith("daxspec: ");
            assertThat(r.out).isEmpty();
        }
    }

    @Test
    void oracleOnlySaysTheKernelSideWasSkippedAndPrintsTheOracleFigure() {
        Result r = run("--oracle-only", "--commands", "120", "--per-run", "40", "--pairs", "3");
        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out)
                .contains(
                        "workload: 120 xfs_io commands (seed 1), 3 runs of up to 40",
                        "kernel: skipped: --oracle-only",
                        "replay 3: oracle ",
                        "median of 3: oracle ",
                        "sparse: ");
        assertThat(r.out).doesNotContain("pair 1");
    }

    @Test
    void theWorkloadIsRunsOfXfsIoOnSixtyFourFilesInTurn() {
        List<Invocation> w = BenchCommand.workload(Target.DEFAULT, 1, 130, 50);
        assertThat(w).extracting(i -> i.ops().size()).containsExactly(50, 50, 30);
        assertThat(w).extracting(Invocation::file).containsExactly("f0", "f1", "f2");
        assertThat(w).allMatch(i -> i.create() && !i.readOnly());
        assertThat(BenchCommand.workload(Target.DEFAULT, 1, 130, 50)).isEqualTo(w);
        assertThat(BenchCommand.workload(Target.DEFAULT, 1, 6400, 1).get(64).file())
                .isEqualTo("f0");
    }

    @Test
    void theScriptRunsOneXfsIoPerRunWithItsCommandsQuoted() {
        List<Op> ops = List.of(new Pwrite(0, 4096, 0x41, OptionalLong.of(8192)), new Seek(false, true, true, false, 7));
        String script = KernelReplay.script(
                List.of(new Invocation(true, false, "f0", ops), new Invocation(true, false, "f1", List.of(ops.get(1)))),
                Path.of("/s/out"),
                Path.of("/s/times"));
        assertThat(script.lines())
                .containsSubsequence(
                        "t0=$EPOCHREALTIME",
                        "xfs_io -f -c 'pwrite -S 0x41 -b 8192 0 4096' -c 'seek -h -r 7' 'f0'",
                        "xfs_io -f -c 'seek -h -r 7' 'f1'",
                        "t1=$EPOCHREALTIME");
        assertThat(script).contains("exec >'/s/out' 2>&1", "times; } >'/s/times'");
    }

    @Test
    void bashTimesAndTheFiguresAreRead() {
        assertThat(KernelReplay.seconds("0m0.250s")).isEqualTo(0.25);
        assertThat(KernelReplay.seconds("2m1.500s")).isEqualTo(121.5);
        assertThat(BenchCommand.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(BenchCommand.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
        assertThat(BenchCommand.ratio(0.1, 0.39)).isEqualTo("3.9x faster");
        assertThat(BenchCommand.ratio(1.18, 0.30)).isEqualTo("3.9x slower");
    }

    @Test
    void theKernelSideMountsWithoutDaxWhatTheOracleModelsOnPmem() {
        Target pmem = Target.builder()
                .fs(Filesystem.XFS)
                .device(DeviceKind.PMEM)
                .mount(MountOptions.DAX_ALWAYS)
                .blockSize(4096)
                .build();
        Target k = KernelReplay.kernelTarget(pmem);
        assertThat(k.device().kind()).isEqualTo(DeviceKind.BRD);
        assertThat(k.mount()).isEqualTo(MountOptions.NONE);
        assertThat(k.device().size()).isEqualTo(pmem.device().size());
        assertThat(KernelReplay.kernelTarget(
                                pmem.toBuilder().mount(MountOptions.DAX_NEVER).build())
                        .mount())
                .isEqualTo(MountOptions.DAX_NEVER);
    }

    @Test
    void theKernelSideReplaysATinyWorkloadAndLeavesNothingBehind() throws IOException {
        needsRootAndLoop();
        for (String fs : List.of("ext4", "xfs")) {
            Result r = run(
                    "--fs", fs, "--commands", "60", "--per-run", "20", "--pairs", "1", "--image-dir", dir.toString());
            assertThat(r.status).as(r.err).isZero();
            assertThat(r.out)
                    .as(r.out)
                    .contains(
                            "kernel: Linux ",
                            fs + " on /dev/loop",
                            "pair 1: oracle ",
                            "median of 1 pairs: ",
                            "the oracle is ")
                    .doesNotContain("skipped");
            assertNothingLeftIn(dir);
        }
    }

    @Test
    void aSignalLeavesNoLoopDeviceMountOrImage() throws Exception {
        needsRootAndLoop();
        for (String signal : Signals.toStop()) {
            Path images = Files.createDirectories(dir.resolve(signal));
            Path log = dir.resolve(signal + ".log");
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.daxspec.cli.Main",
                            "bench",
                            "--commands",
                            "1000000",
                            "--image-dir",
                            images.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // Wait until it has made its image and replays on the kernel.
            for (int i = 0; i < 600 && !Files.readString(log).contains("kernel: Linux"); i++) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("kernel: Linux");
            Thread.sleep(500);
            assertThat(listed(images)).as("while it runs").isNotEmpty();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .start()
                    .waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertNothingLeftIn(images);
        }
    }

    private static void needsRootAndLoop() throws IOException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeTrue(uid.equals("0"), "needs root for loop devices");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/loop-control")), "needs the loop driver (modprobe loop)");
    }

    private static void assertNothingLeftIn(Path images) throws IOException {
        assertThat(listed(images)).isEmpty();
        String loops = new String(
                new ProcessBuilder("losetup", "-a").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(loops).doesNotContain(images.toString());
        assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(images.toString());
    }

    private static List<Path> listed(Path images) throws IOException {
        try (Stream<Path> s = Files.list(images)) {
            return s.filter(p -> p.getFileName().toString().startsWith("daxspec-bench-"))
                    .toList();
        }
    }

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = cl.execute(all);
        return new Result(status, out.toString(), err.toString());
    }
}

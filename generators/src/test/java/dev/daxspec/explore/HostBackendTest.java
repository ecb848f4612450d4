package dev.daxspec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.emit.SharedFilesystem;
import dev.daxspec.oracle.explore.ProgramGenerator;
import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.testing.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host backend on this machine's own kernel: programs run on a loop device over an
 * image it makes, agree with the oracle on ext4, and nothing is left behind, after a
 * normal end and after SIGINT and SIGTERM. Runs as root with loop devices (as .ci/run
 * does); elsewhere it is skipped, saying why.
 */
class HostBackendTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRootAndLoop() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeTrue(uid.equals("0"), "needs root for loop devices");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/loop-control")), "needs the loop driver (modprobe loop)");
    }

    @Test
    void programsRunOnALoopDeviceAndAgreeOnExt4() throws IOException {
        Target ext4 = Target.builder()
                .fs(Filesystem.EXT4)
                .device(DeviceKind.BRD)
                .mount(MountOptions.NONE)
                .build();
        ProgramGenerator g = new ProgramGenerator(List.of(ext4), Vocabulary.HOST, 6);
        List<Program> programs = new ArrayList<>();
        for (long seed = 0; seed < 12; seed++) {
            programs.add(g.program(seed));
        }
        List<KernelRun> runs;
        Kernel reference;
        try (HostBackend host = HostBackend.open(dir, Optional.empty())) {
            runs = host.run(programs);
            reference = host.reference();
        }
        for (int i = 0; i < programs.size(); i++) {
            assertThat(runs.get(i).ran()).as(runs.get(i).trouble()).isTrue();
            assertThat(runs.get(i).transcript())
                    .as(programs.get(i).toString())
                    .isEqualTo(ProgramRunner.outcomes(programs.get(i), reference)
                            .get(0)
                            .text());
        }
        assertThat(leftBehind(dir)).isEmpty();
    }

    /**
     * A screen runs the shareable programs of each target on one filesystem: what each
     * prints there is what it prints alone, inode numbers aside, on ext4 and xfs alike.
     */
    @Test
    void programsSharingAFilesystemPrintWhatTheyPrintAlone() throws IOException {
        List<Program> programs = new ArrayList<>();
        for (Filesystem fs : List.of(Filesystem.EXT4, Filesystem.XFS)) {
            Target t = Target.builder()
                    .fs(fs)
                    .device(DeviceKind.BRD)
                    .mount(MountOptions.NONE)
                    .build();
            ProgramGenerator g = new ProgramGenerator(List.of(t), Vocabulary.HOST, 8);
            for (long seed = 0; seed < 10; seed++) {
                programs.add(g.program(seed));
            }
            // and the first three after them that remount and may share
            int remounts = 0;
            for (long seed = 10; remounts < 3; seed++) {
                Program p = g.program(seed);
                if (SharedFilesystem.shareable(p) && p.steps().stream().anyMatch(RemountStep.class::isInstance)) {
                    programs.add(p);
                    remounts++;
                }
            }
        }
        List<KernelRun> screened;
        List<KernelRun> alone;
        try (HostBackend host = HostBackend.open(dir, Optional.empty())) {
            screened = host.screen(programs);
            alone = host.run(programs);
        }
        int shared = 0;
        int remounts = 0;
        for (int i = 0; i < programs.size(); i++) {
            KernelRun s = screened.get(i);
            assertThat(s.ran()).as(s.trouble()).isTrue();
            assertThat(s.shared()).isEqualTo(SharedFilesystem.shareable(programs.get(i)));
            assertThat(SharedFilesystem.comparable(s.transcript()))
                    .as(programs.get(i).toString())
                    .isEqualTo(SharedFilesystem.comparable(alone.get(i).transcript()));
            shared += s.shared() ? 1 : 0;
            if (s.shared() && programs.get(i).steps().stream().anyMatch(RemountStep.class::isInstance)) {
                remounts++;
            }
        }
        assertThat(shared).as("programs that shared a filesystem").isGreaterThan(10);
        assertThat(remounts).as("programs that remounted a shared filesystem").isEqualTo(6);
        assertThat(leftBehind(dir)).isEmpty();
    }

    @Test
    void aSignalLeavesNoLoopDeviceMountOrImage() throws Exception {
        for (String signal : Signals.toStop()) {
            Path images = Files.createDirectories(dir.resolve(signal));
            Path out = dir.resolve("out-" + signal);
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.daxspec.cli.Main",
                            "explore",
                            "--against",
                            "host",
                            "--fs",
                            "xfs",
                            "--programs",
                            "100000",
                            "--image-dir",
                            images.toString(),
                            "--out",
                            out.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(signal + ".log").toFile())
                    .start();
            // Wait until it has made its image and runs programs.
            for (int i = 0;
                    i < 200 && !Files.readString(dir.resolve(signal + ".log")).contains("programs (");
                    i++) {
                Thread.sleep(100);
            }
            assertThat(leftBehind(images)).as("while it runs").isNotEmpty();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .start()
                    .waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(leftBehind(images)).as("after SIG" + signal).isEmpty();
            String loops = new String(
                    new ProcessBuilder("losetup", "-a").start().getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(loops).doesNotContain(images.toString());
            String mounts = Files.readString(Path.of("/proc/mounts"));
            assertThat(mounts).doesNotContain(images.toString());
        }
    }

    private static List<Path> leftBehind(Path images) throws IOException {
        try (Stream<Path> s = Files.list(images)) {
            return s.filter(p -> p.getFileName().toString().startsWith("daxspec-explore-"))
                    .toList();
        }
    }
}

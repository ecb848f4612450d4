package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.XfsIoStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What may share a filesystem, the shared script as bash, and how its output is cut into each
 * program's transcript. HostBackendTest runs the script on this machine's kernel and compares
 * each program's part with a run alone.
 */
class SharedFilesystemTest {

    @TempDir
    Path dir;

    private static List<Program> programs() {
        return Cases.all().stream().map(TestCase::program).toList();
    }

    @Test
    void whatFillsTheFilesystemCrashesOrCountsFaultsDoesNotShare() {
        int shareable = 0;
        int remounts = 0;
        for (Program p : programs()) {
            boolean global = p.steps().stream()
                    .anyMatch(s -> s instanceof FillStep
                            || s instanceof CrashStep
                            || (s instanceof XfsIoStep x && x.traced()));
            if (!global && p.steps().stream().anyMatch(RemountStep.class::isInstance)) {
                remounts++;
            }
            assertThat(SharedFilesystem.shareable(p)).as(p.toString()).isEqualTo(!global);
            shareable += global ? 0 : 1;
        }
        assertThat(shareable).isGreaterThan(100).isLessThan(programs().size());
        assertThat(remounts).as("cases that remount and share").isGreaterThan(3);
    }

    @Test
    void eachTargetsSharedScriptIsBashThatShellcheckAccepts() throws Exception {
        Map<Object, List<Program>> byTarget = new LinkedHashMap<>();
        for (Program p : programs()) {
            if (SharedFilesystem.shareable(p)) {
                byTarget.computeIfAbsent(p.target(), t -> new ArrayList<>()).add(p);
            }
        }
        assertThat(byTarget).hasSizeGreaterThan(5);
        List<String> paths = new ArrayList<>();
        for (List<Program> same : byTarget.values()) {
            Path script = dir.resolve("s" + paths.size() + ".sh");
            Files.writeString(
                    script,
                    "#!/bin/bash\nSCRATCH_DEV=/dev/pmem0\nSCRATCH_MNT=/mnt/scratch\n" + SharedFilesystem.script(same));
            paths.add(script.toString());
            assertThat(run(List.of("bash", "-n", script.toString()))).isEmpty();
        }
        List<String> shellcheck = new ArrayList<>(List.of("shellcheck", "-s", "bash"));
        shellcheck.addAll(paths);
        assertThat(run(shellcheck)).isEmpty();
    }

    @Test
    void programsOfOtherTargetsOrThatActOnTheWholeFilesystemAreRefused() {
        Program shareable = programs().stream()
                .filter(SharedFilesystem::shareable)
                .findFirst()
                .orElseThrow();
        Program other = programs().stream()
                .filter(p -> SharedFilesystem.shareable(p) && !p.target().equals(shareable.target()))
                .findFirst()
                .orElseThrow();
        Program crash = programs().stream()
                .filter(p -> p.target().equals(shareable.target()) && !SharedFilesystem.shareable(p))
                .findFirst()
                .orElseGet(() -> new Program(shareable.target(), List.of(new CrashStep())));
        assertThatThrownBy(() -> SharedFilesystem.script(List.of(shareable, other)))
                .hasMessageContaining("program 1 is on " + other.target());
        assertThatThrownBy(() -> SharedFilesystem.script(List.of(shareable, crash)))
                .hasMessageContaining("program 1 acts on the whole filesystem");
    }

    @Test
    void theOutputIsCutIntoEachProgramsTranscriptWithItsDirectorySpelledAsTheMount() {
        String shared = "$ mkfs.ext4 SCRATCH_DEV\n$ mount SCRATCH_DEV SCRATCH_MNT\n";
        String raw = shared
                + "@@ daxspec shared filesystem: program 0\n"
                + "$ xfs_io -f -c \"fiemap\" SCRATCH_MNT/f\n/mnt/scratch/p0000/f:\n"
                + "@@ daxspec shared filesystem: program 1\n"
                + "$ xfs_io -f -c \"stat\" SCRATCH_MNT/f\nstat.ino = 14\n";
        Optional<List<String>> each = SharedFilesystem.split(raw, 2, "/mnt/scratch");
        assertThat(each)
                .contains(List.of(
                        shared + "$ xfs_io -f -c \"fiemap\" SCRATCH_MNT/f\n/mnt/scratch/f:\n$ umount SCRATCH_MNT\n",
                        shared + "$ xfs_io -f -c \"stat\" SCRATCH_MNT/f\nstat.ino = 14\n$ umount SCRATCH_MNT\n"));
        assertThat(SharedFilesystem.comparable(each.orElseThrow().get(1)))
                .contains("stat.ino = N\n")
                .doesNotContain("14");
    }

    @Test
    void aFailedMountIsEveryProgramsTranscriptAndAnOutputCutShortIsNone() {
        String refused = "$ mkfs.ext2 SCRATCH_DEV\n$ mount -o dax=always SCRATCH_DEV SCRATCH_MNT\n"
                + "kernel: EXT4-fs: Mount option(s) incompatible with ext2\nexit 32\n";
        assertThat(SharedFilesystem.split(refused, 3, "/mnt/scratch")).contains(List.of(refused, refused, refused));
        String cut = "$ mkfs.ext4 SCRATCH_DEV\n$ mount SCRATCH_DEV SCRATCH_MNT\n"
                + "@@ daxspec shared filesystem: program 0\n$ xfs_io -f -c \"pwrite 0 1\" SCRATCH_MNT/f\n";
        assertThat(SharedFilesystem.split(cut, 2, "/mnt/scratch")).isEmpty();
        assertThat(SharedFilesystem.split("$ mkfs.ext4 SCRATCH_DEV\n", 1, "/mnt/scratch"))
                .isEmpty();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        return rc == 0 ? "" : "exit " + rc + ": " + out;
    }
}

package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

    @Test
    void deletesWhatDeadRunsLeftAndItsOwnFiles(@TempDir Path tmp) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long self = ProcessHandle.current().pid();
        Path stale = Files.createDirectories(tmp.resolve("daxspec-vm-" + gone.pid() + "-1"));
        Files.writeString(stale.resolve("console-1.log"), "x");
        Path live = Files.createDirectories(tmp.resolve("daxspec-vm-" + self + "-2"));
        Path other = Files.createDirectories(tmp.resolve("daxspec-other"));
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        RunFiles files;
        try {
            files = RunFiles.create();
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
        assertThat(files.workDir().getParent()).isEqualTo(tmp);
        assertThat(files.workDir().getFileName().toString()).startsWith("daxspec-vm-" + self + "-");
        assertThat(files.ramFile(2).getFileName().toString())
                .isEqualTo(files.workDir().getFileName() + "-2.ram");
        Files.writeString(files.ramFile(1), "ram");
        Files.writeString(files.ramFile(2), "ram");
        Files.writeString(files.workDir().resolve("initrd.img"), "x");
        files.delete();
        assertThat(files.workDir()).doesNotExist();
        assertThat(files.ramFile(1)).doesNotExist();
        assertThat(files.ramFile(2)).doesNotExist();
        assertThat(live).exists();
    }
}

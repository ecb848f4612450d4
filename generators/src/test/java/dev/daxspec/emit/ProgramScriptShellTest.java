package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.ConformanceCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every phase script of every bundled conformance case is valid bash and passes shellcheck. */
class ProgramScriptShellTest {

    @TempDir
    Path dir;

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("fixtures/conformance"))) {
            p = p.getParent();
        }
        return p;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        return rc == 0 ? "" : "exit " + rc + ": " + out;
    }

    @Test
    void everyPhaseIsBashThatShellcheckAccepts() throws Exception {
        CaseFileParser parser = new CaseFileParser();
        try (Stream<Path> files = Files.list(root().resolve("fixtures/conformance"))) {
            for (Path f :
                    files.filter(x -> x.toString().endsWith(".case")).sorted().toList()) {
                parser.parse(f);
            }
        }
        List<String> paths = new ArrayList<>();
        int n = 0;
        for (ConformanceCase c : parser.cases()) {
            for (String phase : ProgramScript.phases(c.program())) {
                Path script = dir.resolve("s" + n++ + ".sh");
                Files.writeString(script, "#!/bin/bash\nSCRATCH_DEV=/dev/pmem0\nSCRATCH_MNT=/mnt/scratch\n" + phase);
                paths.add(script.toString());
            }
        }
        assertThat(n).isGreaterThan(150);
        for (String p : paths) {
            assertThat(run(List.of("bash", "-n", p))).as(p).isEmpty();
        }
        List<String> shellcheck = new ArrayList<>(List.of("shellcheck", "-s", "bash"));
        shellcheck.addAll(paths);
        assertThat(run(shellcheck)).isEmpty();
    }

    /**
     * The scratch mount is unmounted before mkfs where it is mounted, and no umount runs where it
     * is not. A umount of our own on PATH records what it is asked; "/" is always mounted.
     */
    @Test
    void unmountsTheScratchMountOnlyWhereItIsMounted() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls");
        Path umount = bin.resolve("umount");
        Files.writeString(umount, "#!/bin/bash\necho \"umount $*\" >> " + calls + "\n");
        umount.toFile().setExecutable(true);
        for (String mnt : List.of("/", dir.resolve("not-mounted").toString())) {
            ProcessBuilder b = new ProcessBuilder("bash", "-c", ProgramScript.unmountScratch());
            b.environment().put("SCRATCH_MNT", mnt);
            b.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            Process q = b.redirectErrorStream(true).start();
            assertThat(new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEmpty();
            assertThat(q.waitFor()).isZero();
        }
        assertThat(Files.readAllLines(calls)).containsExactly("umount /");
    }
}

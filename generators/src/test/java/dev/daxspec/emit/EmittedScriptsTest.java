package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every script of both formats, written from every bundled case, passes {@code bash -n} and
 * {@code shellcheck} (Debian's package; {@code ci/vm/setup} installs it) with its default
 * settings, run the way a user would: from the suite's directory, or on the test file.
 */
class EmittedScriptsTest {

    @TempDir
    static Path tmp;

    static Path shell;
    static Path xfstests;

    @BeforeAll
    static void write() throws IOException {
        assertThat(Processes.run(List.of("sh", "-c", "command -v shellcheck"), tmp).status())
                .as("shellcheck is not installed; run ci/vm/setup (or apt-get install shellcheck)").isZero();
        shell = tmp.resolve("shell");
        xfstests = tmp.resolve("xfstests");
        SuiteWriter.write(Cases.all(), Format.SHELL, shell, SuiteOptions.NONE);
        SuiteWriter.write(Cases.all(), Format.XFSTESTS, xfstests,
                new SuiteOptions(OptionalInt.of(1), Optional.empty()));
    }

    @Test
    void everyShellSuiteScriptPassesBashNAndShellcheck() throws IOException {
        List<String> scripts = scripts(shell, p -> p.endsWith(".sh"));
        assertThat(scripts).contains("run.sh", "common/daxspec.sh", "common/filter.sh")
                .hasSize(Suite.read(shell).tests().size() + 3);
        assertThat(Suite.read(shell).tests().size() + Suite.read(shell).leftOut().size()).isEqualTo(Cases.all().size());
        check(shell, scripts);
    }

    @Test
    void everyXfstestsTestPassesBashNAndShellcheck() throws IOException {
        List<String> scripts = scripts(xfstests, p -> p.matches("tests/[a-z0-9]+/\\d{3,}"));
        assertThat(scripts).hasSize(Suite.read(xfstests).tests().size()).isNotEmpty();
        check(xfstests, scripts);
    }

    private static void check(Path dir, List<String> scripts) {
        for (String s : scripts) {
            Processes.Result n = Processes.run(List.of("bash", "-n", s), dir);
            assertThat(n.status()).as("bash -n " + s + ": " + n.err()).isZero();
        }
        List<String> cmd = new ArrayList<>(List.of("shellcheck"));
        cmd.addAll(scripts);
        Processes.Result r = Processes.run(cmd, dir);
        assertThat(r.out() + r.err()).as("shellcheck in " + dir).isEmpty();
        assertThat(r.status()).isZero();
    }

    /** The files under {@code dir} (relative paths) that {@code isScript} accepts, sorted. */
    private static List<String> scripts(Path dir, java.util.function.Predicate<String> isScript) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).filter(isScript).sorted()
                    .toList();
        }
    }
}

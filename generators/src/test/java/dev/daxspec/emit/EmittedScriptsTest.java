package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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
        assertThat(Processes.run(List.of("sh", "-c", "command -v shellcheck"), tmp)
                        .status())
                .as("shellcheck is not installed; run ci/vm/setup (or apt-get install shellcheck)")
                .isZero();
        shell = tmp.resolve("shell");
        xfstests = tmp.resolve("xfstests");
        SuiteWriter.write(Cases.all(), Format.SHELL, shell, SuiteOptions.NONE);
        SuiteWriter.write(
                Cases.all(), Format.XFSTESTS, xfstests, new SuiteOptions(OptionalInt.of(1), Optional.empty()));
    }

    @Test
    void everyShellSuiteScriptPassesBashNAndShellcheck() throws IOException {
        List<String> scripts = Scripts.in(shell, p -> p.endsWith(".sh"));
        assertThat(scripts)
                .contains("run.sh", "common/daxspec.sh", "common/filter.sh")
                .hasSize(Suite.read(shell).tests().size() + 3);
        assertThat(Suite.read(shell).tests().size()
                        + Suite.read(shell).leftOut().size())
                .isEqualTo(Cases.all().size());
        Scripts.passBashNAndShellcheck(shell, scripts);
    }

    @Test
    void everyXfstestsTestPassesBashNAndShellcheck() throws IOException {
        List<String> scripts = Scripts.in(xfstests, p -> p.matches("tests/[a-z0-9]+/\\d{3,}|common/daxspec"));
        assertThat(scripts).hasSize(Suite.read(xfstests).tests().size() + 1).contains("common/daxspec");
        Scripts.passBashNAndShellcheck(xfstests, scripts);
    }
}

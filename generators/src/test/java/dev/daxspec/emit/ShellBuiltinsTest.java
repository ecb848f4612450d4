package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an emitted shell suite's {@code common/daxspec.sh} does with shell builtins instead of a
 * process (each costs a test milliseconds on an emulated CPU) gives what the process gives:
 * {@code daxspec_realpath} what {@code readlink -f} prints, {@code daxspec_page_size} what
 * {@code getconf PAGESIZE} prints, and a test run by its bare name finds its suite.
 */
class ShellBuiltinsTest {

    @TempDir
    static Path tmp;

    static ShellLibrary library;

    @BeforeAll
    static void write() throws IOException {
        library = ShellLibrary.writeIn(tmp);
        Path t = tmp.resolve("t");
        Files.createDirectories(t.resolve("real/dir"));
        Files.createDirectories(tmp.resolve("decoy/t/real"));
        Files.writeString(t.resolve("real/dir/file"), "");
        Files.createSymbolicLink(t.resolve("linkdir"), t.resolve("real"));
        // .. after a link is the link target's parent: t/deep/.. is t/real, not t.
        Files.createSymbolicLink(t.resolve("deep"), Path.of("real/dir"));
        Files.createSymbolicLink(t.resolve("real/dir/linkfile"), Path.of("file"));
        Files.createSymbolicLink(t.resolve("real/dir/dangling"), Path.of("nowhere/else"));
        Files.createSymbolicLink(t.resolve("real/dir/loop"), Path.of("loop"));
    }

    @Test
    void realpathResolvesAsReadlinkDoes() {
        Path t = tmp.resolve("t");
        for (String p : List.of(
                "/",
                "/dev/null",
                t + "/real/dir",
                t + "/real/dir/",
                t + "/real/dir/file",
                t + "/linkdir/dir/file",
                t + "/linkdir/dir",
                t + "/linkdir/dir/linkfile",
                t + "/linkdir/dir/../dir/./file",
                t + "/deep/../dir/file",
                t + "/real/dir/nosuchfile",
                t + "/real/nosuchdir/file",
                t + "/real/dir/file/below",
                t + "/real/dir/dangling",
                t + "/real/dir/loop",
                "t/linkdir/dir/file",
                "t/real",
                "nosuchfile",
                "t")) {
            Processes.Result readlink = shell("readlink -f -- \"$1\"; echo \"status $?\"", p);
            Processes.Result builtin = shell(
                    "daxspec_realpath \"$1\"; s=$?; [ -z \"$daxspec_real\" ] || echo \"$daxspec_real\"; echo \"status $s\";"
                            + " [ \"$PWD\" = \"$2\" ] || echo \"cwd moved to $PWD\"",
                    p,
                    tmp.toString());
            assertThat(readlink.out())
                    .as(p)
                    .endsWith("status "
                            + (p.contains("nosuchdir")
                                            || p.endsWith("/below")
                                            || p.endsWith("dangling")
                                            || p.endsWith("loop")
                                    ? 1
                                    : 0)
                            + "\n");
            assertThat(builtin.out()).as(p).isEqualTo(readlink.out());
        }
    }

    @Test
    void pageSizeIsGetconfs() {
        String getconf = shell("getconf PAGESIZE").out();
        assertThat(getconf).matches("[0-9]+\n");
        assertThat(shell("daxspec_page_size; echo \"$daxspec_page\"").out()).isEqualTo(getconf);
        assertThat(shell("daxspec_require_page_size " + getconf.strip() + "; echo ok")
                        .out())
                .isEqualTo("ok\n");
        assertThat(shell("daxspec_require_page_size 65536; echo ok").out())
                .isEqualTo("NOTRUN daxspec: the expected output is for 65536-byte pages; this kernel has "
                        + getconf.strip() + "-byte pages\n");
    }

    /** Run as {@code bash ID.sh} from its own directory, a test finds common/ through {@code .}. */
    @Test
    void aTestRunByItsBareNameFindsItsSuite() throws IOException {
        Path tests = library.suite().resolve("tests");
        String script;
        try (var files = Files.list(tests)) {
            script = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sh"))
                    .findFirst()
                    .orElseThrow();
        }
        Processes.Result r = Processes.run(List.of("bash", script), "", Map.of("PATH", System.getenv("PATH")), tests);
        assertThat(r.out()).startsWith("REFUSED ").contains("usage: ");
        assertThat(r.status()).isEqualTo(4);
    }

    /** Runs {@code script} with the suite's common/daxspec.sh sourced, in the temporary directory. */
    private static Processes.Result shell(String script, String... args) {
        // A CDPATH that holds a t/real of its own must not send a relative path there.
        return library.run(script, Map.of("CDPATH", tmp.resolve("decoy").toString()), tmp, args);
    }
}

package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daxspec_require_xfs_io_commands} of an emitted shell suite, run with this
 * machine's xfs_io: one xfs_io prints the helps of all the commands asked for, and each
 * command's flags are looked for in its own help only.
 */
class XfsIoRequirementTest {

    @TempDir
    static Path tmp;

    static ShellLibrary library;

    @BeforeAll
    static void write() throws IOException {
        assumeTrue(
                Processes.run(List.of("sh", "-c", "command -v xfs_io"), tmp).status() == 0,
                "no xfs_io (xfsprogs) here");
        library = ShellLibrary.writeIn(tmp);
    }

    @Test
    void commandsAndFlagsXfsIoHasPass() {
        assertThat(require("mmap", "mread", "fiemap -v", "seek -d -h", "falloc -k", "mmap -S", "statx -r"))
                .isEqualTo(new Processes.Result(0, "ok\n", ""));
    }

    @Test
    void anUnknownCommandIsNamedEvenAmongKnownOnes() {
        assertThat(require("fiemap -v", "nosuchcommand", "mmap -S"))
                .isEqualTo(new Processes.Result(2, "NOTRUN daxspec: xfs_io has no nosuchcommand command\n", ""));
    }

    /** fiemap's help lists -v; mmap's does not, and fiemap's coming first must not count for it. */
    @Test
    void aFlagIsLookedForInItsOwnCommandsHelpOnly() {
        assertThat(require("fiemap -v", "mmap -v"))
                .isEqualTo(new Processes.Result(2, "NOTRUN daxspec: xfs_io's mmap has no -v option\n", ""));
        assertThat(require("seek -d -h -Q"))
                .isEqualTo(new Processes.Result(2, "NOTRUN daxspec: xfs_io's seek has no -Q option\n", ""));
    }

    /** Asks {@code daxspec_require_xfs_io_commands} for {@code specs}. */
    private static Processes.Result require(String... specs) {
        return library.run("daxspec_require_xfs_io_commands \"$@\"; echo ok", Map.of(), tmp, specs);
    }
}

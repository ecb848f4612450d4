package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Suites are deterministic and written whole or not at all. */
class SuiteWriterTest {

    @TempDir
    Path tmp;

    private static final SuiteOptions START = new SuiteOptions(OptionalInt.of(900), Optional.empty());

    @ParameterizedTest
    @EnumSource(Format.class)
    void writingTwiceGivesByteIdenticalTrees(Format format) throws IOException {
        List<TestCase> cases = Cases.all();
        List<TestCase> reversed = new ArrayList<>(cases);
        Collections.reverse(reversed);
        SuiteWriter.write(cases, format, tmp.resolve("a"), START);
        SuiteWriter.write(reversed, format, tmp.resolve("b"), START);
        Map<String, String> a = Trees.snapshot(tmp.resolve("a"));
        assertThat(Trees.snapshot(tmp.resolve("b"))).isEqualTo(a);
        // A second write over the first replaces it with the same tree.
        SuiteWriter.write(cases, format, tmp.resolve("a"), START);
        assertThat(Trees.snapshot(tmp.resolve("a"))).isEqualTo(a);
        assertThat(a).doesNotContainKey(".daxspec-suite.tmp");
        assertThat(leftovers()).isEmpty();
    }

    /**
     * A real write error halfway: the CLI runs in a child process whose file size limit
     * ({@code ulimit -f}, with SIGXFSZ ignored, so write(2) fails with EFBIG) lets the first
     * small files of the tree be written and stops common/daxspec.sh (about 10 KiB).
     */
    @Test
    void aWriteErrorHalfwayLeavesNothingAndKeepsTheSuiteItWasToReplace() throws IOException {
        Path out = tmp.resolve("suite");
        List<String> generate = List.of(
                "generate",
                "--format",
                "shell",
                "--out",
                out.toString(),
                "--from-cases",
                Cases.CONFORMANCE.toString(),
                "--case",
                "pwrite-unaligned");
        Processes.Result first = cli(generate, 0);
        assertThat(first.status()).as(first.err()).isZero();
        Map<String, String> before = Trees.snapshot(out);
        assertThat(Files.size(out.resolve("common/daxspec.sh"))).isGreaterThan(8192);
        assertThat(Files.size(out.resolve("README"))).isLessThan(8192);

        Files.writeString(
                Files.createDirectories(tmp.resolve("cases")).resolve("more.case"),
                Files.readString(Cases.CONFORMANCE.resolve("io-write.case")));
        Processes.Result failed = cli(
                List.of(
                        "generate",
                        "--format",
                        "shell",
                        "--out",
                        out.toString(),
                        "--from-cases",
                        tmp.resolve("cases").toString()),
                8);
        assertThat(failed.status()).isEqualTo(2);
        assertThat(failed.err()).startsWith("daxspec: cannot write " + out).contains("File too large");
        assertThat(Trees.snapshot(out)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();

        Path fresh = tmp.resolve("fresh");
        assertThat(cli(
                                List.of(
                                        "generate",
                                        "--format",
                                        "shell",
                                        "--out",
                                        fresh.toString(),
                                        "--from-cases",
                                        tmp.resolve("cases").toString()),
                                8)
                        .status())
                .isEqualTo(2);
        assertThat(fresh).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aDirectoryThatIsNotASuiteIsNotReplaced() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes"), "keep me");
        assertThatThrownBy(() -> SuiteWriter.write(Cases.all(), Format.SHELL, mine, SuiteOptions.NONE))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("not a suite daxspec wrote");
        assertThat(mine.resolve("notes")).hasContent("keep me");
        assertThat(leftovers()).isEmpty();
        // An empty directory is fine.
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        SuiteWriter.write(Cases.all(), Format.SHELL, empty, SuiteOptions.NONE);
        assertThat(empty.resolve("run.sh")).isExecutable();
    }

    @Test
    void duplicateIdsAndMissingNumbersAreRefusedBeforeAnythingIsWritten() {
        TestCase tc = Cases.all().get(0);
        Path out = tmp.resolve("x");
        assertThatThrownBy(() -> SuiteWriter.write(List.of(tc, tc), Format.SHELL, out, SuiteOptions.NONE))
                .hasMessage("test id " + tc.id() + " is given twice");
        assertThatThrownBy(() -> SuiteWriter.write(List.of(tc), Format.XFSTESTS, out, SuiteOptions.NONE))
                .hasMessageContaining("needs --start N or --xfstests-dir DIR");
        assertThat(out).doesNotExist();
    }

    /**
     * A shell suite ships daxspec-probe's source and a Makefile (run.sh builds it when a test
     * to run needs it), and run.sh checks for what daxspec's tests run; the source builds
     * with the C compiler here.
     */
    @Test
    void aShellSuiteShipsTheProbeItsTestsNeed() throws IOException {
        Path out = tmp.resolve("suite");
        SuiteWriter.write(
                Cases.named("private-copies-survive-punch@ext4-pmem-dax=always-4096"),
                Format.SHELL,
                out,
                SuiteOptions.NONE);
        assertThat(out.resolve("src/daxspec-probe.c")).content().contains("daxspec-probe: what xfs_io");
        assertThat(Files.readString(out.resolve("run.sh")))
                .contains(
                        "for c in awk cmp diff dmesg mkfs.ext2 mkfs.ext4"
                                + " mkfs.xfs mount readlink sed stat umount xfs_io; do\n",
                        "make -s -C \"$here/src\"");
        assertThat(Files.readString(out.resolve("tests/private-copies-survive-punch@ext4-pmem-dax=always-4096.sh")))
                .containsPattern("(?m)^daxspec_require_commands .*daxspec-probe");
        assumeTrue(
                Processes.run(List.of("sh", "-c", "command -v make && command -v cc"), tmp)
                                .status()
                        == 0,
                "no make or cc here");
        Processes.Result make =
                Processes.run(List.of("make", "-s", "-C", out.resolve("src").toString()), tmp);
        assertThat(make.status()).as(make.out() + make.err()).isZero();
        Processes.Result usage =
                Processes.run(List.of(out.resolve("src/daxspec-probe").toString()), tmp);
        assertThat(usage.status()).isEqualTo(2);
    }

    @Test
    void theManifestListsWhatWasWritten() throws IOException {
        Path out = tmp.resolve("xt");
        Suite written = SuiteWriter.write(Cases.all(), Format.XFSTESTS, out, START);
        Suite read = Suite.read(out);
        assertThat(read).isEqualTo(written);
        for (Suite.Test t : read.tests()) {
            assertThat(out.resolve(t.path())).isExecutable();
            assertThat(out.resolve(t.path() + ".out")).isRegularFile();
        }
        assertThat(read.tests().stream().mapToInt(t -> t.ids().size()).sum()
                        + read.leftOut().size())
                .isEqualTo(Cases.all().size());
    }

    private static Processes.Result cli(List<String> args, int limitKiB) {
        return Cli.run(args, limitKiB, Path.of("."));
    }

    /** Temporary or moved-aside directories the writer may have left in {@code tmp}. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}

package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.TestCases;
import dev.daxspec.emit.Format;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.SuiteOptions;
import dev.daxspec.emit.SuiteWriter;
import dev.daxspec.emit.TestCase;
import dev.daxspec.series.testing.Fixtures;
import dev.daxspec.series.testing.TestRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code daxspec series} through picocli, as a user calls it: the report, the targeted suite, and its errors. */
class SeriesCommandTest {

    @TempDir
    Path tmp;

    private Path features;
    private TestRepo repo;

    /** What one call printed and returned. */
    record Result(int status, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    /**
     * Features guarding the DAX fault paths, the real touches rules, and a repository whose
     * range v6.1-mini..HEAD changes the EOF check of dax_iomap_pmd_fault.
     */
    @BeforeEach
    void setUp() throws IOException {
        features = tmp.resolve("features");
        Files.createDirectories(features.resolve("mmap"));
        Files.copy(Fixtures.root().resolve("features/touches.rules"), features.resolve("touches.rules"));
        // Runnable features, so that series can run them on the oracle's variants itself.
        Files.writeString(features.resolve("mmap/eof.feature"), """
                @B2 @touches:fs/dax.c:dax_iomap_pmd_fault
                Feature: faults past EOF

                  Scenario Outline: a PMD fault past EOF on <fs> raises SIGBUS
                    Given <fs> on pmem mounted with dax=always
                    And a file "f" of PAGE_SIZE
                    When the file is mapped shared for 4 pages
                    Then reading byte PAGE_SIZE through the mapping raises SIGBUS

                    Examples:
                      | fs   |
                      | ext4 |
                      | xfs  |

                  @touches:fs/dax.c:dax_iomap_pte_fault
                  Scenario: a PTE fault past EOF raises SIGBUS
                    Given ext4 on pmem mounted with dax=always
                    And a file "f" of 1100 bytes
                    When the file is mapped shared for 2 pages
                    Then reading byte 4096 through the mapping raises SIGBUS
                """);
        Files.writeString(features.resolve("mmap/unrelated.feature"), """
                @touches:fs/ext4/inode.c:ext4_setattr
                Feature: truncate
                  Scenario: truncate up zeroes
                    Given ext4 on pmem mounted with dax=always
                    And a file "f" of 1100 bytes
                    When the file is mapped shared for 2 pages
                    Then the range 1100..4095 reads as zeros
                """);
        repo = TestRepo.relaxedEofCheck(
                tmp.resolve("linux"),
                "dax: relax the EOF check in the PMD fault path\n\nSigned-off-by: A U Thor <a@example.org>\n");
    }

    private String[] args(String... more) {
        List<String> a = new ArrayList<>(List.of(
                "series",
                "--repo",
                repo.dir().toString(),
                "--range",
                "v6.1-mini..HEAD",
                "--features",
                features.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void theReportNamesTheGuardingScenariosByTheirIdsAndSaysWhereVariantsComeFrom() throws IOException {
        Result r = run(args());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        // the summary: what the series touches, the bugs caught and by which ids, the ids to run
        assertThat(r.out())
                .startsWith("daxspec series: 1 commit, 1 file, 1 function; 3 scenarios guard them\n")
                .contains(
                        "      fs/dax.c: dax_iomap_pmd_fault -> 3 scenarios\n",
                        // no --kills: series ran the features on the variants itself
                        "Variants:  from the kill matrix of 'daxspec check",
                        "  dax-fault-eof-rounding        mmap-eof-12 mmap-eof-16 mmap-eof-13\n",
                        // nearest first, then those that catch more bugs
                        "'daxspec series bisect-script --test' take):\n  mmap-eof-12 mmap-eof-16 mmap-eof-13\n")
                .doesNotContain("why:", "truncate");
        assertThat(r.out().lines().count()).isLessThanOrEqualTo(40);
        Result v = run(args("--verbose"));
        assertThat(v.out())
                .startsWith(r.out() + "\n")
                .contains(
                        "    kills:   dax-fault-eof-rounding\n",
                        "  mmap/eof.feature:12 a PMD fault past EOF on ext4 raises SIGBUS\n",
                        "  mmap/eof.feature:13 a PMD fault past EOF on xfs raises SIGBUS\n",
                        // the feature's tag is the scenario's too
                        "  mmap/eof.feature:16 a PTE fault past EOF raises SIGBUS\n",
                        "      why:   function fs/dax.c:dax_iomap_pmd_fault",
                        // the call graph of the range's base selected too, and says so
                        "  call graph: info: 14 functions and ")
                .containsPattern("calls in 3 files of base [0-9a-f]{12};\n    a scenario whose function is"
                        + " within 3 calls of a touched function is\n")
                .doesNotContain("truncate");
        assertThat(run(args("--call-depth", "0", "-v")).out())
                .contains("  call graph: info: no call graph:" + " --call-depth 0; scenarios are selected by\n");

        Path kills = tmp.resolve("kills.json");
        Files.writeString(
                kills, "{\"mmap-eof-12\": [\"dax-fault-eof-rounding\"], \"mmap-eof-16\": []," + " \"gone-1\": []}\n");
        // partial: it lacks mmap-eof-13 and mmap-unrelated-3, which it would say kill nothing
        assertOneLine(
                run(args("--kills", kills.toString())),
                "daxspec: " + kills + " lacks 2 of the 4 scenarios of "
                        + features
                        + " (first: mmap-eof-13), so it would say they kill nothing; write it from all of them"
                        + " with 'daxspec check --kills " + kills + " " + features + "', or leave out --kills");
        Files.writeString(
                kills,
                "{\"mmap-eof-12\": [\"dax-fault-eof-rounding\"], \"mmap-eof-13\": [],"
                        + " \"mmap-eof-16\": [], \"mmap-unrelated-3\": [], \"gone-1\": []}\n");
        Result k = run(args("--kills", kills.toString()));
        assertThat(k.status()).isZero();
        assertThat(k.out())
                .contains("Variants:  from the kill matrix " + kills + "\n", "  dax-fault-eof-rounding  mmap-eof-12\n");
        assertThat(k.err())
                .isEqualTo("daxspec: warning: " + kills + " names 1 scenario id the features do not"
                        + " have (first: gone-1); was it written for other features?\n");

        Result j = run(args("--kills", kills.toString(), "--format", "json"));
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertThat(root.get("killMatrix").asText()).isEqualTo(kills.toString());
        assertThat(root.at("/scenarios/0/id").asText()).isEqualTo("mmap-eof-12");
        assertThat(root.at("/scenarios/0/variants/0").asText()).isEqualTo("dax-fault-eof-rounding");
    }

    /**
     * JGit logs through SLF4J 1.7, which prints three lines of warning on stderr when it finds
     * no binding ({@code org.slf4j.impl.StaticLoggerBinder}); slf4j-nop is that binding.
     */
    @Test
    void slf4jFindsABindingSoSeriesPrintsNoWarning() {
        assertThatCode(() -> Class.forName("org.slf4j.impl.StaticLoggerBinder")).doesNotThrowAnyException();
    }

    @Test
    void generateWritesOnlyTheTargetedTestsOfASuite() throws IOException {
        Path whole = tmp.resolve("whole");
        TestCase template = conformanceCase("pwrite-unaligned@ext4-pmem-dax=always-4096");
        List<TestCase> cases = new ArrayList<>();
        for (String id : List.of(
                "mmap-eof-12@ext4-pmem-dax=always-4096",
                "mmap-eof-13@xfs-pmem-dax=always-4096",
                "mmap-eof-16",
                "mmap-unrelated-3",
                "mmap-eof-90")) {
            cases.add(new TestCase(
                    id,
                    template.title(),
                    template.about(),
                    template.tags(),
                    template.program(),
                    template.expected(),
                    template.fixedByCommit(),
                    template.deviations()));
        }
        SuiteWriter.write(cases, Format.SHELL, whole, SuiteOptions.NONE);
        Path targeted = tmp.resolve("targeted");
        Result r = run(args("--suite", whole.toString(), "--generate", targeted.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).endsWith("\nWrote 3 tests of 3 scenarios from " + whole + " to " + targeted + "\n");
        assertThat(Suite.read(targeted).tests())
                .extracting(Suite.Test::path)
                .containsExactly(
                        "tests/mmap-eof-12@ext4-pmem-dax=always-4096.sh",
                        "tests/mmap-eof-13@xfs-pmem-dax=always-4096.sh",
                        "tests/mmap-eof-16.sh");
        assertThat(targeted.resolve("run.sh")).isExecutable();
        assertThat(targeted.resolve("tests/mmap-unrelated-3.sh")).doesNotExist();
        assertThat(targeted.resolve("tests/mmap-eof-90.sh")).doesNotExist();

        // Without --suite the tests are generated from the features, one per guarding scenario.
        Path generated = tmp.resolve("generated");
        Result g = run(args("--generate", generated.toString()));
        assertThat(g.status()).as(g.err()).isZero();
        assertThat(Suite.read(generated).tests())
                .extracting(Suite.Test::path)
                .containsExactly("tests/mmap-eof-12.sh", "tests/mmap-eof-13.sh", "tests/mmap-eof-16.sh");
        assertThat(Files.readString(generated.resolve("tests/mmap-eof-16.out"))).contains("$ xfs_io");

        Result wrongFormat = run(args(
                "--suite",
                whole.toString(),
                "--suite-format",
                "xfstests",
                "--generate",
                tmp.resolve("x").toString()));
        assertThat(wrongFormat.status()).isEqualTo(2);
        assertThat(wrongFormat.err())
                .isEqualTo("daxspec: " + whole + " is a shell suite, not xfstests (generate one"
                        + " with 'daxspec generate --format xfstests')\n");
    }

    @Test
    void eachBadInputIsOneLineAndExitsTwo() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertOneLine(
                run(
                        "series",
                        "--repo",
                        repo.dir().toString(),
                        "--range",
                        "v9..HEAD",
                        "--features",
                        features.toString()),
                "daxspec: unknown revision 'v9' in range 'v9..HEAD' in " + repo.dir());
        assertOneLine(
                run("series", "--repo", plain.toString(), "--range", "v1..HEAD", "--features", features.toString()),
                "daxspec: not a git repository: " + plain);
        assertOneLine(
                run(
                        "series",
                        "--mbox",
                        Fixtures.series("seed000-reply-quotes-patch.eml").toString(),
                        "--features",
                        features.toString()),
                "daxspec: no patches in " + Fixtures.series("seed000-reply-quotes-patch.eml") + ": 1"
                        + " message, none with a diff outside quoted text");
        Result notApplying = run(
                "series",
                "--mbox",
                Fixtures.series("seed004-xip.mbox").toString(),
                "--repo",
                repo.dir().toString(),
                "--features",
                features.toString());
        assertOneLine(notApplying, null);
        assertThat(notApplying.err())
                .startsWith("daxspec: patch 'ext2: XIP blocksize check' (seed004-xip.mbox"
                        + " message 1) does not apply to fs/ext2/super.c at HEAD");
        assertOneLine(
                run("series", "--range", "a..b", "--features", features.toString()),
                "daxspec: --range needs --repo PATH, the repository the range is in");
        assertOneLine(
                run(args("--generate", tmp.resolve("t").toString(), "--suite-format", "yaml")),
                "daxspec: unknown format 'yaml' (known: shell, xfstests)");
        // picocli's groups: the series is a range or mail, the kernels all four or none
        assertOneLine(
                run("series", "--features", features.toString()),
                "daxspec: give the series as --range" + " BASE..HEAD (with --repo) or as --mbox FILE");
        assertOneLine(
                run(args("--mbox", "x.mbox")),
                "daxspec: --range=BASE..HEAD, --mbox=FILE are mutually"
                        + " exclusive (specify only one) (see 'daxspec series --help')");
        assertOneLine(
                run(args("--base-kernel", "/boot/vmlinuz")),
                "daxspec: Missing required argument(s):"
                        + " --base-modules=DIR, --head-kernel=PATH, --head-modules=DIR (see 'daxspec series --help')");
        assertOneLine(run(args("--format", "yaml")), "daxspec: --format is text or json, not 'yaml'");
        assertOneLine(run(args("--call-depth", "-1")), "daxspec: --call-depth is a number of calls, 0 or more, not -1");
        Path none = tmp.resolve("nofeatures");
        assertOneLine(
                run(
                        "series",
                        "--repo",
                        repo.dir().toString(),
                        "--range",
                        "v6.1-mini..HEAD",
                        "--features",
                        none.toString()),
                "daxspec: no features directory " + none + " (give it with --features DIR)");

        Files.writeString(
                features.resolve("mmap/broken.feature"),
                "Feature: broken\n  Scenario: s\n    Given x\n" + "  Nonsense here\n");
        Result broken = run(args());
        assertThat(broken.status()).isEqualTo(2);
        assertThat(broken.out()).isEmpty();
        assertThat(broken.err())
                .startsWith("daxspec: " + features.resolve("mmap/broken.feature") + ":4: expected: ")
                .endsWith(", got 'Nonsense here'\n")
                .hasLineCount(1);

        Files.delete(features.resolve("mmap/broken.feature"));
        Path kills = tmp.resolve("kills.json");
        Files.writeString(kills, "{\"mmap-eof-12\": [\"no-such-variant\"]}");
        assertOneLine(run(args("--kills", kills.toString())), null);
    }

    /** Exit 2, nothing on stdout, one line on stderr: {@code expected} when given. */
    private static void assertOneLine(Result r, String expected) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("daxspec: ").hasLineCount(1).doesNotContain("Exception");
        if (expected != null) {
            assertThat(r.err()).isEqualTo(expected + "\n");
        }
    }

    private static TestCase conformanceCase(String id) throws IOException {
        CaseFileParser p = new CaseFileParser();
        p.parse(Fixtures.root().resolve("fixtures/conformance/io-write.case"));
        return TestCases.of(p.cases(), KnownDeviations.none()).stream()
                .filter(t -> t.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}

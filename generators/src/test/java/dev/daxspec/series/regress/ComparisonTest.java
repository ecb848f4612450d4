package dev.daxspec.series.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.Verdict;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.suite.SuiteRunner.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded outcomes on base and head, classified, and rendered as text, JUnit XML and KCIDB JSON. */
class ComparisonTest {

    private static final String DIFF =
            "--- expected (b.out)\n+++ actual\n@@ -1 +1 @@\n-wrote 1/1\n+wrote 0/1\nFAIL b\n";

    @TempDir
    Path tmp;

    private KernelUnderTest baseKernel;
    private KernelUnderTest headKernel;

    /** Kernels under {@code tmp/base} and {@code tmp/head}, shown as {@code /k/base} and {@code /k/head}. */
    @BeforeEach
    void kernels() throws IOException {
        baseKernel = kernel("base", "6.12.0-rc1", Optional.of("0123456789abcdef0123456789abcdef01234567"));
        headKernel = kernel("head", "6.12.0-rc1+", Optional.empty());
    }

    private KernelUnderTest kernel(String role, String release, Optional<String> commit) throws IOException {
        Path image = Files.createDirectories(tmp.resolve(role)).resolve("bzImage");
        Files.writeString(image, "");
        Path modules = Files.createDirectories(tmp.resolve(role + "/lib/modules/" + release));
        return new KernelUnderTest(role, new KernelBuild(image, modules), commit);
    }

    private final List<Suite.Test> tests = new ArrayList<>();
    private final List<Outcome> base = new ArrayList<>();
    private final List<Outcome> head = new ArrayList<>();

    private void test(String id, Verdict b, Verdict h) {
        Suite.Test t = new Suite.Test("tests/" + id + ".sh", DeviceKind.PMEM, List.of(id));
        tests.add(t);
        if (b != null) {
            base.add(outcome(t, b));
        }
        if (h != null) {
            head.add(outcome(t, h));
        }
    }

    private static Outcome outcome(Suite.Test t, Verdict v) {
        String id = t.ids().get(0);
        return switch (v) {
            case PASS -> new Outcome(t, v, "PASS " + id + "\n", "", 1.0);
            case FAIL -> new Outcome(t, v, id.equals("b") ? DIFF : "FAIL " + id + "\n", "", 2.0);
            case NOTRUN -> new Outcome(t, v, "NOTRUN " + id + ": needs DAX\n", "needs DAX", 0.5);
            case KNOWN_DEVIATION ->
                new Outcome(t, v, "KNOWN-DEVIATION " + id + ": kernel 6.1: why\n", "kernel 6.1: why", 1.0);
            case INFRA -> new Outcome(t, v, "", "TIMED_OUT: phase 0 did not finish within 300 s", 300.0);
        };
    }

    private Comparison sample() {
        test("a", Verdict.PASS, Verdict.PASS);
        test("b", Verdict.PASS, Verdict.FAIL);
        test("c", Verdict.FAIL, Verdict.PASS);
        test("d", Verdict.KNOWN_DEVIATION, Verdict.KNOWN_DEVIATION);
        test("e", Verdict.NOTRUN, Verdict.PASS);
        test("f", Verdict.PASS, Verdict.KNOWN_DEVIATION);
        test("g", Verdict.PASS, null);
        test("h", Verdict.KNOWN_DEVIATION, Verdict.PASS);
        test("i", Verdict.FAIL, Verdict.KNOWN_DEVIATION);
        test("j", Verdict.PASS, Verdict.INFRA);
        return Comparison.of(baseKernel, headKernel, tests, base, head);
    }

    @Test
    void eachTestIsClassifiedFromBothVerdictsRegressionsFirst() {
        Comparison c = sample();
        assertThat(c.changes())
                .extracting(t -> t.name() + "=" + t.change())
                .containsExactly(
                        "b=REGRESSED",
                        "f=REGRESSED",
                        "c=FIXED",
                        "h=FIXED",
                        "d=STILL_FAILING",
                        "i=STILL_FAILING",
                        "e=NOT_RUN",
                        "g=NOT_RUN",
                        "j=NOT_RUN",
                        "a=STILL_PASSING");
        assertThat(c.regressed()).isTrue();
        assertThat(Comparison.of(baseKernel, headKernel, tests.subList(0, 1), base, head)
                        .regressed())
                .isFalse();
    }

    @Test
    void theTextLeadsWithTheRegressionAndItsDiff() {
        assertThat(sample().toText().replace(tmp + "/", "/k/")).isEqualTo("""
                daxspec series: base 6.12.0-rc1 (/k/base/bzImage)
                           vs head 6.12.0-rc1+ (/k/head/bzImage)

                REGRESSED      b
                    base: PASS
                    head: FAIL
                    | --- expected (b.out)
                    | +++ actual
                    | @@ -1 +1 @@
                    | -wrote 1/1
                    | +wrote 0/1
                    | FAIL b
                REGRESSED      f
                    base: PASS
                    head: KNOWN-DEVIATION: kernel 6.1: why
                    | KNOWN-DEVIATION f: kernel 6.1: why
                FIXED          c
                    base: FAIL
                    head: PASS
                FIXED          h
                    base: KNOWN-DEVIATION: kernel 6.1: why
                    head: PASS
                STILL-FAILING  d
                    base: KNOWN-DEVIATION: kernel 6.1: why
                    head: KNOWN-DEVIATION: kernel 6.1: why
                STILL-FAILING  i
                    base: FAIL
                    head: KNOWN-DEVIATION: kernel 6.1: why
                NOT-RUN        e
                    base: NOTRUN: needs DAX
                    head: PASS
                NOT-RUN        g
                    base: PASS
                    head: no result
                NOT-RUN        j
                    base: PASS
                    head: INFRA: TIMED_OUT: phase 0 did not finish within 300 s
                STILL-PASSING  a

                2 regressed, 2 fixed, 2 still failing (2 known deviations on head), 3 not run, 1 still passing
                """);
    }

    @Test
    void junitFailsOnlyTheRegressions() throws IOException {
        Path f = tmp.resolve("junit.xml");
        ComparisonJUnit.write(sample(), f);
        String xml = Files.readString(f);
        assertThat(xml)
                .contains(
                        "tests=\"10\" failures=\"2\"",
                        "skipped=\"5\"",
                        "<failure type=\"regressed\" message=\"regressed: base PASS, head FAIL\"",
                        "<skipped message=\"still failing, not caused by the series: base KNOWN-DEVIATION (kernel 6.1: why),"
                                + " head KNOWN-DEVIATION (kernel 6.1: why)\"",
                        "<skipped message=\"not run: base PASS, head no result\"");
    }

    @Test
    void kcidbHasOneBuildPerKernelAndOneTestPerTestAndKernel() throws IOException {
        JsonNode root = new ObjectMapper().readTree(kcidb());
        assertThat(root.at("/version/major").asInt()).isEqualTo(5);
        assertThat(root.at("/version/minor").asInt()).isEqualTo(3);
        assertThat(root.get("builds")).hasSize(2);
        assertThat(root.at("/checkouts/0/id").asText()).isEqualTo("daxspec:run-1:base");
        assertThat(root.at("/checkouts/0/git_commit_hash").asText())
                .isEqualTo(baseKernel.commit().get());
        assertThat(root.at("/checkouts/0/git_repository_url").asText())
                .isEqualTo("https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git");
        assertThat(root.at("/checkouts/1").has("git_commit_hash")).isFalse();
        assertThat(root.at("/builds/0/id").asText()).isEqualTo("daxspec:run-1:base:build");
        assertThat(root.at("/builds/1/checkout_id").asText())
                .isEqualTo(root.at("/checkouts/1/id").asText());
        assertThat(root.at("/builds/1/status").asText()).isEqualTo("PASS");
        JsonNode tests = root.get("tests");
        assertThat(tests).hasSize(20);
        List<String> headStatuses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode t : tests) {
            ids.add(t.get("id").asText());
            assertThat(t.get("origin").asText()).isEqualTo("daxspec");
            assertThat(t.get("path").asText()).matches("daxspec\\.[A-Za-z0-9_-]+");
            if (t.get("build_id").asText().equals("daxspec:run-1:head:build")) {
                headStatuses.add(t.get("path").asText().substring(8) + "="
                        + t.get("status").asText());
            }
        }
        assertThat(ids).doesNotHaveDuplicates().contains("daxspec:run-1:base:1", "daxspec:run-1:head:10");
        // g has no result on head; j's VM was lost twice
        assertThat(headStatuses)
                .containsExactly(
                        "b=FAIL", "f=PASS", "c=PASS", "h=PASS", "d=PASS", "i=PASS", "e=PASS", "g=MISS", "j=ERROR",
                        "a=PASS");
        assertThat(tests.get(10).at("/misc/series_change").asText()).isEqualTo("REGRESSED");
        assertThat(tests.get(10).at("/log_excerpt").asText()).isEqualTo(DIFF);
        assertThat(tests.get(11).has("log_excerpt")).isFalse();
        assertThat(tests.get(11).at("/misc/verdict").asText()).isEqualTo("KNOWN-DEVIATION");
        // another run of the same comparison has other ids
        assertThat(KcidbReport.render(sample(), "run-2", Optional.empty())).doesNotContain("run-1");
    }

    @Test
    void aLogExcerptHasNoNulAndStaysWithinTheSchemasLimit() {
        assertThat(KcidbReport.excerpt("a\0b\n")).isEqualTo("a\\x00b\n");
        String big = "+line\n".repeat(5000);
        String cut = KcidbReport.excerpt(big);
        assertThat(cut)
                .hasSizeLessThanOrEqualTo(KcidbReport.LOG_EXCERPT_MAX)
                .startsWith("+line\n+line\n")
                .endsWith("+line\n[cut: 30000 characters in all]\n");
    }

    /**
     * The report passes kcidb-io's own validator for schema v5.3 (its schema is Python, in a
     * kcidb-io checkout: {@code -Ddaxspec.kcidb-io.git=GIT_DIR}, by default where the
     * project's tools fetch it); skipped where there is no checkout, python3 or jsonschema.
     */
    @Test
    void kcidbIsValidUnderKcidbIosOwnSchema() throws IOException, InterruptedException {
        Path git = Path.of(System.getProperty("daxspec.kcidb-io.git", "/work/.mirror/kernelci+kcidb-io/repo"));
        assumeTrue(Files.isDirectory(git), "no kcidb-io git repository at " + git);
        Path src = Files.createDirectories(tmp.resolve("kcidb-io"));
        assumeTrue(
                new ProcessBuilder(
                                        "sh",
                                        "-c",
                                        "git --git-dir=\"$0\" archive HEAD kcidb_io | tar -x -C \"$1\"",
                                        git.toString(),
                                        src.toString())
                                .inheritIO()
                                .start()
                                .waitFor()
                        == 0,
                "cannot read " + git);
        Path report = tmp.resolve("report.json");
        Files.writeString(report, kcidb());
        Process p = new ProcessBuilder(
                        "python3",
                        "-c",
                        String.join(
                                "\n",
                                "import json, sys",
                                "try:",
                                "    import jsonschema",
                                "except ImportError:",
                                "    sys.exit(77)",
                                "sys.path.insert(0, sys.argv[1])",
                                "from kcidb_io.schema import V5_3",
                                "V5_3.validate_exactly(json.load(open(sys.argv[2])))",
                                "print('valid v%d.%d' % (V5_3.major, V5_3.minor))"),
                        src.toString(),
                        report.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        assumeTrue(status != 77, "python3 has no jsonschema");
        assertThat(out).as(out).isEqualTo("valid v5.3\n");
        assertThat(status).isZero();
    }

    /** The KCIDB report of {@link #sample()}, as run {@code run-1} of a repository on kernel.org. */
    String kcidb() {
        return KcidbReport.render(
                sample(), "run-1", Optional.of("https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git"));
    }
}

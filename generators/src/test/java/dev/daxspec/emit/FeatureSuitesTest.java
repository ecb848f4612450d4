package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Evaluation;
import dev.daxspec.spec.Features;
import dev.daxspec.spec.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suites generated from the bundled features ({@code daxspec generate}'s default input):
 * one test case per scenario, named by the scenario; every script passes {@code bash -n}
 * and {@code shellcheck}; each format leaves out only the scenarios it cannot hold, each
 * for the reason its program gives; and the command line writes the same tree twice and
 * nothing on bad input.
 */
class FeatureSuitesTest {

    @TempDir
    static Path tmp;

    static List<CompiledScenario> scenarios;
    static Map<String, TestCase> cases;
    static Suite shell;
    static Suite xfstests;

    @BeforeAll
    static void write() throws Exception {
        assertThat(Processes.run(List.of("sh", "-c", "command -v shellcheck"), tmp)
                        .status())
                .as("shellcheck is not installed; run ci/vm/setup (or apt-get install shellcheck)")
                .isZero();
        Map<CompiledScenario, Evaluation> compiled =
                Features.compile(List.of(Path.of("../features")), Optional.empty(), List.of(), Progress.NONE);
        scenarios = List.copyOf(compiled.keySet());
        List<TestCase> all = FeatureTestCases.of(compiled, FeatureTestCases.knownIn(Path.of("../features")));
        cases = all.stream().collect(Collectors.toMap(TestCase::id, Function.identity()));
        shell = SuiteWriter.write(all, Format.SHELL, tmp.resolve("shell"), SuiteOptions.NONE);
        xfstests = SuiteWriter.write(
                all, Format.XFSTESTS, tmp.resolve("xfstests"), new SuiteOptions(OptionalInt.of(1), Optional.empty()));
    }

    @Test
    void oneTestCasePerScenarioNamedTitledAndTaggedByIt() {
        assertThat(cases).hasSameSizeAs(scenarios);
        for (CompiledScenario s : scenarios) {
            TestCase tc = cases.get(s.id());
            assertThat(tc.title()).isEqualTo(s.name());
            assertThat(tc.about()).isEqualTo(s.about());
            assertThat(tc.tags()).isEqualTo(s.tags());
            assertThat(tc.program()).isEqualTo(s.program());
            assertThat(tc.fixedByCommit()).isEqualTo(KernelFixes.forScenario(s.id()));
        }
        assertThat(cases).containsKey("mmap-eof_sigbus-23");
    }

    @Test
    void theShellSuiteLeavesOutOnlyCrashesAndItsScriptsPassShellcheck() throws IOException {
        assertThat(shell.tests().size() + shell.leftOut().size()).isEqualTo(scenarios.size());
        for (Suite.LeftOut l : shell.leftOut()) {
            assertThat(cases.get(l.id()).program().steps()).as(l.id()).anyMatch(CrashStep.class::isInstance);
        }
        for (Suite.Test t : shell.tests()) {
            assertThat(cases.get(t.ids().get(0)).program().steps()).noneMatch(CrashStep.class::isInstance);
        }
        Path dir = tmp.resolve("shell");
        List<String> scripts = Scripts.in(dir, p -> p.endsWith(".sh"));
        assertThat(scripts).hasSize(shell.tests().size() + 3);
        Scripts.passBashNAndShellcheck(dir, scripts);
    }

    @Test
    void theXfstestsSuiteLeavesOutOnlyWhatItMustAndItsTestsPassShellcheck() throws IOException {
        List<String> kept =
                xfstests.tests().stream().flatMap(t -> t.ids().stream()).toList();
        assertThat(kept.size() + xfstests.leftOut().size()).isEqualTo(scenarios.size());
        for (Suite.LeftOut l : xfstests.leftOut()) {
            assertThat(mustLeaveOut(cases.get(l.id())))
                    .as(l.id() + ": " + l.reason())
                    .isEqualTo(l.reason());
        }
        for (String id : kept) {
            assertThat(mustLeaveOut(cases.get(id))).as(id).isEmpty();
        }
        Path dir = tmp.resolve("xfstests");
        List<String> scripts = Scripts.in(dir, p -> p.matches("tests/[a-z0-9]+/\\d{3,}|common/daxspec"));
        assertThat(scripts).hasSize(xfstests.tests().size() + 1).isNotEmpty();
        Scripts.passBashNAndShellcheck(dir, scripts);
    }

    /** Every test of a scenario with a recorded deviation has its output in the suite, for run. */
    @Test
    void eachKnownDeviationOfAnXfstestsTestHasItsOutputInTheSuite() throws IOException {
        Path dir = tmp.resolve("xfstests");
        for (Suite.Test t : xfstests.tests()) {
            boolean deviates =
                    t.ids().stream().anyMatch(id -> !cases.get(id).deviations().isEmpty());
            assertThat(xfstests.deviations().stream().anyMatch(d -> d.test().equals(t.path())))
                    .as(t.path())
                    .isEqualTo(deviates);
        }
        assertThat(xfstests.deviations()).isNotEmpty();
        for (Suite.Deviation d : xfstests.deviations()) {
            String name = Path.of(d.test()).getFileName().toString();
            assertThat(Files.readString(dir.resolve(d.file()))).startsWith("QA output created by " + name + "\n");
            assertThat(Files.readString(dir.resolve(d.file())))
                    .isNotEqualTo(Files.readString(dir.resolve(d.test() + ".out")));
        }
    }

    @Test
    void eachFixTheTableNamesIsAScenarioWhoseXfstestsTestNamesTheCommit() throws IOException {
        assertThat(KernelFixes.scenarios()).isNotEmpty();
        for (String id : KernelFixes.scenarios()) {
            assertThat(cases)
                    .as(id + " is in KernelFixes but no scenario has that id")
                    .containsKey(id);
            KernelFix fix = KernelFixes.forScenario(id).orElseThrow();
            Suite.Test test = xfstests.tests().stream()
                    .filter(t -> t.ids().contains(id))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(id + " has no xfstests test"));
            String script = Files.readString(tmp.resolve("xfstests").resolve(test.path()));
            String line = "_fixed_by_kernel_commit " + fix.commit() + " \\\n\t\"" + fix.subject() + "\"\n";
            assertThat(script).as(test.path()).contains(line);
            if (test.path().startsWith("tests/generic/")) {
                assertThat(script).contains("[ \"$FSTYP\" = \"" + fix.filesystem() + "\" ] && " + line);
            }
        }
        // A test of no listed scenario names no commit.
        for (Suite.Test t : xfstests.tests()) {
            if (t.ids().stream().noneMatch(KernelFixes.scenarios()::contains)) {
                assertThat(Files.readString(tmp.resolve("xfstests").resolve(t.path())))
                        .as(t.path())
                        .doesNotContain("_fixed_by_kernel_commit");
            }
        }
    }

    @Test
    void generateWritesTheSameTreeTwiceFromTheDefaultFeatures() throws IOException {
        Path a = tmp.resolve("cli-a");
        Path b = tmp.resolve("cli-b");
        Processes.Result r = Cli.run(List.of("generate", "--format", "shell", "--out", a.toString()), 0, Path.of(".."));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("from " + scenarios.size() + " test cases").contains("test cases/s");
        assertThat(Cli.run(
                                List.of("generate", "--format", "shell", "--out", b.toString(), "features"),
                                0,
                                Path.of(".."))
                        .status())
                .isZero();
        assertThat(Trees.snapshot(a)).isEqualTo(Trees.snapshot(b));
    }

    @Test
    void generateSelectsByTagsAndPaths() throws IOException {
        Path out = tmp.resolve("cli-tags");
        Processes.Result r = Cli.run(
                List.of("generate", "--format", "shell", "--out", out.toString(), "--tags", "@B2", "features/mmap"),
                0,
                Path.of(".."));
        assertThat(r.status()).as(r.err()).isZero();
        List<String> ids =
                Suite.read(out).tests().stream().flatMap(t -> t.ids().stream()).toList();
        assertThat(ids).isNotEmpty().allMatch(id -> cases.get(id).tags().contains("@B2"));
    }

    @Test
    void aBadFeatureIsNamedByLineAndNothingIsWritten() throws IOException {
        Path bad = Files.writeString(
                tmp.resolve("bad.feature"),
                "Feature: x\n  Scenario: y\n"
                        + "    Given ext4 on pmem mounted with dax=always\n    When the file is frobnicated\n");
        Path out = tmp.resolve("cli-bad");
        Processes.Result r = Cli.run(
                List.of("generate", "--format", "shell", "--out", out.toString(), bad.toString()), 0, Path.of(".."));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":4: no step definition matches");
        assertThat(out).doesNotExist();
    }

    @Test
    void casesAndFeaturesAreEitherOr() {
        Processes.Result r = Cli.run(
                List.of(
                        "generate",
                        "--format",
                        "shell",
                        "--out",
                        tmp.resolve("x").toString(),
                        "--from-cases",
                        "fixtures/conformance",
                        "features"),
                0,
                Path.of(".."));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("either");
    }

    /**
     * Why the xfstests format must leave {@code tc} out, worded as it says it, or empty: more
     * than one correct outcome, or a crash. A refused mount is a test (it tries the mount), and
     * so is a private mapping (src/daxspec-probe runs it).
     */
    private static String mustLeaveOut(TestCase tc) {
        if (tc.expected().size() != 1) {
            return "more than one outcome is correct (after a crash), and an xfstests .out holds one";
        }
        for (var step : tc.program().steps()) {
            if (step instanceof CrashStep) {
                return "'" + step
                        + "': a crash is a power loss (daxspec conform reboots the VM with sysrq b; pmem from memmap= keeps its contents);"
                        + " xfstests' _scratch_shutdown keeps the machine and its caches running, and that it loses what a power loss"
                        + " loses through DAX and MAP_SYNC is not checked against a kernel";
            }
        }
        return "";
    }
}

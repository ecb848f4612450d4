package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.series.testing.Fixtures;
import dev.daxspec.series.testing.TestRepo;
import dev.daxspec.spec.Features;
import dev.daxspec.spec.InvalidFeatures;
import dev.daxspec.spec.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Each class of bad input, command by command: exit status 2, nothing on stdout, exactly
 * one line on stderr naming the bad value ({@code daxspec: ...}, or a feature's
 * {@code FILE:LINE: MESSAGE}), no stack trace, and nothing left behind in the test's directory. Found before any
 * slow work: the features given are ones the oracle refuses ({@code undefined/}, a step no
 * definition matches), so a command that ran them first would report them instead, and the
 * directory tree is the same before and after.
 */
class BadInputTest {

    @TempDir
    static Path tmp;

    /** One bad input: its arguments ({@code T} standing for the test's directory) and what the line must say. */
    record Bad(String name, List<String> args, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** How many scenarios the bundled features hold (partial.json below names one of them). */
    private static int bundledScenarios() {
        try {
            return Features.compile(List.of(Path.of("../features")), Optional.empty(), List.of(), Progress.NONE)
                    .size();
        } catch (InvalidFeatures e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Bad> badInputs() {
        int scenarios = bundledScenarios();
        return Stream.of(
                bad(
                        "check --junit DIR",
                        "--junit T/adir: is a directory; give a file name",
                        "check",
                        "--junit",
                        "T/adir",
                        "T/undefined"),
                bad(
                        "check --junit under a file",
                        "--junit T/afile/check.xml: T/afile is not a directory",
                        "check",
                        "--junit",
                        "T/afile/check.xml",
                        "T/undefined"),
                bad(
                        "check --kills under a file",
                        "--kills T/afile/kills.json: T/afile is not a directory",
                        "check",
                        "--kills",
                        "T/afile/kills.json",
                        "T/undefined"),
                bad(
                        "a case file that is not UTF-8",
                        "T/latin1.case:2: not UTF-8 text (the byte at offset 17 is 0xff)",
                        "conform",
                        "--oracle-only",
                        "T/latin1.case"),
                bad(
                        "generate --known malformed JSON",
                        "T/bad.json:1: Unexpected end-of-input",
                        "generate",
                        "--format",
                        "shell",
                        "--out",
                        "T/suite",
                        "--known",
                        "T/bad.json",
                        "T/undefined"),
                bad(
                        "conform --known malformed JSON",
                        "T/bad.json:1: Unexpected end-of-input",
                        "conform",
                        "--oracle-only",
                        "--known",
                        "T/bad.json",
                        "T/io-write.case"),
                bad(
                        "series --mbox with a damaged hunk header",
                        "T/damaged.mbox:20: message 1: fs/ext2/super.c:" + " damaged hunk header '@@ -abc,7 +x,7 @@",
                        "series",
                        "--mbox",
                        "T/damaged.mbox",
                        "--features",
                        "T/undefined"),
                bad(
                        "series --mbox with a truncated hunk",
                        "T/truncated.mbox:20: message 1: fs/ext2/super.c: hunk" + " @@ -844,8 +844,7 @@ ends after",
                        "series",
                        "--mbox",
                        "T/truncated.mbox",
                        "--features",
                        "T/undefined"),
                bad(
                        "series --mbox empty",
                        "no patches in T/empty.mbox",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/undefined"),
                bad(
                        "series --mbox garbage",
                        "no patches in T/garbage.mbox",
                        "series",
                        "--mbox",
                        "T/garbage.mbox",
                        "--features",
                        "T/undefined"),
                bad(
                        "series --range unknown",
                        "unknown revision 'nosuch' in range 'nosuch..HEAD'",
                        "series",
                        "--repo",
                        "T/linux",
                        "--range",
                        "nosuch..HEAD",
                        "--features",
                        "T/undefined"),
                bad(
                        "series --repo not a repository",
                        "not a git repository: T/adir",
                        "series",
                        "--repo",
                        "T/adir",
                        "--range",
                        "a..b",
                        "--features",
                        "T/undefined"),
                bad(
                        "series --repo missing",
                        "T/nowhere",
                        "series",
                        "--repo",
                        "T/nowhere",
                        "--range",
                        "a..b",
                        "--features",
                        "T/undefined"),
                bad(
                        "a step written at -1",
                        "T/steps/at-minus-1.feature:7: '-1' is -1: an offset or size cannot be" + " negative",
                        "check",
                        "T/steps/at-minus-1.feature"),
                bad(
                        "a step of 4 QiB",
                        "T/steps/qib.feature:6: 'And a file \"f\" of 4 QiB': '4 QiB' is not a byte"
                                + " count or offset: unknown unit 'QiB'",
                        "check",
                        "T/steps/qib.feature"),
                bad(
                        "a step filled with 0xZZ",
                        "T/steps/zz.feature:6: 'And a file \"f\" of 4096 bytes filled with"
                                + " 0xZZ': '0xZZ' is not a byte: write 0x00 to 0xff",
                        "check",
                        "T/steps/zz.feature"),
                bad(
                        "Given btrfs on pmem",
                        "T/steps/btrfs.feature:5: 'Given btrfs on pmem mounted with dax=always':"
                                + " unknown filesystem 'btrfs' (known: ",
                        "check",
                        "T/steps/btrfs.feature"),
                bad(
                        "Given ext4 on nvme",
                        "T/steps/nvme.feature:5: 'Given ext4 on nvme mounted with dax=always':"
                                + " unknown device 'nvme' (known: pmem, brd)",
                        "check",
                        "T/steps/nvme.feature"),
                bad("bench --commands -1", "--commands -1", "bench", "--oracle-only", "--commands", "-1"),
                bad(
                        "generate --known a file that is not there",
                        "--known T/nosuch.json: no such file",
                        "generate",
                        "--format",
                        "shell",
                        "--out",
                        "T/suite",
                        "--known",
                        "T/nosuch.json",
                        "T/undefined"),
                bad(
                        "series --kills partial",
                        "T/partial.json lacks " + (scenarios - 1) + " of the " + scenarios
                                + " scenarios of ../features (first:",
                        "series",
                        "--mbox",
                        "../fixtures/series/seed004-xip.mbox",
                        "--features",
                        "../features",
                        "--kills",
                        "T/partial.json"),
                bad(
                        "series --suite not a suite",
                        "T/adir is not a daxspec suite",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/undefined",
                        "--suite",
                        "T/adir"),
                bad(
                        "series --generate a file",
                        "--generate T/afile: exists and is not a directory",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/undefined",
                        "--generate",
                        "T/afile"),
                bad(
                        "series --generate a directory with other files",
                        "--generate T/linux: exists and is not a suite",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/undefined",
                        "--generate",
                        "T/linux"),
                bad(
                        "series with a kernel image that is not one",
                        "--base-kernel T/afile: not a kernel image",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/undefined",
                        "--base-kernel",
                        "T/afile",
                        "--base-modules",
                        "T/adir",
                        "--head-kernel",
                        "T/afile",
                        "--head-modules",
                        "T/adir"),
                bad(
                        "predict with an xfs_io command the model lacks",
                        "unknown xfs_io command 'frob'",
                        "predict",
                        "-f",
                        "-c",
                        "frob 0 1",
                        "f"),
                bad(
                        "predict --device-size in an unknown unit",
                        "'4 QiB' is not a size: unknown unit 'QiB'",
                        "predict",
                        "--device-size",
                        "4 QiB",
                        "-f",
                        "-c",
                        "pwrite 0 1",
                        "f"),
                bad(
                        "generate --tags that do not parse",
                        "--tags and: Tag expression \"and\" could not be parsed",
                        "generate",
                        "--format",
                        "shell",
                        "--out",
                        "T/suite",
                        "--tags",
                        "and",
                        "T/undefined"),
                bad(
                        "explore against an unknown variant",
                        "unknown kernel variant 'nosuch'",
                        "explore",
                        "--against",
                        "variant:nosuch",
                        "--programs",
                        "1",
                        "--out",
                        "T/explore"),
                bad(
                        "explore --out a file",
                        "--out T/afile: exists and is not a directory",
                        "explore",
                        "--against",
                        "variant:short-write-extends-size",
                        "--programs",
                        "1",
                        "--out",
                        "T/afile"),
                bad(
                        "an unknown command",
                        "unknown command 'frob'; the commands are check, generate, run, series,"
                                + " predict, conform, explore, report, bench ('daxspec --help' explains them)",
                        "frob"),
                bad(
                        "report --runs missing",
                        "--runs T/nowhere: no such file or directory",
                        "report",
                        "--runs",
                        "T/nowhere",
                        "--out",
                        "T/report"),
                bad(
                        "report --runs a directory of no JUnit",
                        "--runs T/adir: no JUnit file (*.xml)",
                        "report",
                        "--runs",
                        "T/adir",
                        "--out",
                        "T/report"),
                bad(
                        "report --explore not explore's",
                        "--explore T/adir has no explore.json: not the output of" + " daxspec explore",
                        "report",
                        "--explore",
                        "T/adir",
                        "--out",
                        "T/report"),
                bad("report --out a file", "--out T/afile: is a file; give a directory", "report", "--out", "T/afile"),
                bad(
                        "series --range of no commits",
                        "range 'HEAD..HEAD' in T/linux holds no commit (merge commits are skipped): nothing to"
                                + " review",
                        "series",
                        "--repo",
                        "T/linux",
                        "--range",
                        "HEAD..HEAD",
                        "--features",
                        "T/undefined"),
                bad(
                        "series --junit a directory",
                        "--junit T/adir: is a directory; give a file name",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/undefined",
                        "--base-kernel",
                        "T/afile",
                        "--base-modules",
                        "T/adir",
                        "--head-kernel",
                        "T/afile",
                        "--head-modules",
                        "T/adir",
                        "--junit",
                        "T/adir"),
                bad(
                        "series --kcidb under a file",
                        "--kcidb T/afile/series.json: T/afile is not a directory",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/undefined",
                        "--base-kernel",
                        "T/afile",
                        "--base-modules",
                        "T/adir",
                        "--head-kernel",
                        "T/afile",
                        "--head-modules",
                        "T/adir",
                        "--kcidb",
                        "T/afile/series.json"),
                bad(
                        "conform --oracle-only --junit",
                        "--junit reports a kernel's run, and --oracle-only boots none; drop one of them",
                        "conform",
                        "--oracle-only",
                        "--junit",
                        "T/conform.xml",
                        "T/latin1.case"),
                bad(
                        "conform --oracle-only --record",
                        "--record reports a kernel's run, and --oracle-only boots none; drop one of them",
                        "conform",
                        "--oracle-only",
                        "--record",
                        "T/recorded",
                        "T/latin1.case"),
                bad(
                        "conform --list --junit",
                        "--junit reports a kernel's run, and --list boots none; drop one of them",
                        "conform",
                        "--list",
                        "--junit",
                        "T/conform.xml",
                        "T/latin1.case"),
                bad(
                        "conform --junit a directory",
                        "--junit T/adir: is a directory; give a file name",
                        "conform",
                        "--junit",
                        "T/adir",
                        "T/latin1.case"),
                bad(
                        "conform --record a file",
                        "--record T/afile: exists and is not a directory",
                        "conform",
                        "--record",
                        "T/afile",
                        "T/latin1.case"),
                bad(
                        "run --junit a directory",
                        "--junit T/adir: is a directory; give a file name",
                        "run",
                        "--junit",
                        "T/adir",
                        "T/nowhere"),
                bad(
                        "explore --junit under a file",
                        "--junit T/afile/explore.xml: T/afile is not a directory",
                        "explore",
                        "--against",
                        "variant:short-write-extends-size",
                        "--programs",
                        "1",
                        "--out",
                        "T/explore",
                        "--junit",
                        "T/afile/explore.xml"),
                bad(
                        "check --plugin of no such plugin",
                        "--plugin frob:T/frob.out: Could not load plugin class 'frob'. (Cucumber's plugins: html:FILE,",
                        "check",
                        "--plugin",
                        "frob:T/frob.out",
                        "T/undefined"),
                bad(
                        "conform --timeout -5",
                        "--timeout -5: a number of seconds, more than 0",
                        "conform",
                        "--timeout",
                        "-5"),
                bad(
                        "run --timeout 0",
                        "--timeout 0: a number of seconds, more than 0",
                        "run",
                        "--timeout",
                        "0",
                        "T/nowhere"),
                bad(
                        "series bisect-script --out a directory",
                        "--out T/adir: is a directory; give a file name",
                        "series",
                        "bisect-script",
                        "--test",
                        "x",
                        "--suite",
                        "T/nowhere",
                        "--out",
                        "T/adir"),
                bad(
                        "check of an empty feature file",
                        "T/steps/empty.feature:1: no Feature: the file is empty or only comments",
                        "check",
                        "T/steps/empty.feature"),
                bad(
                        "check of a feature file that is not UTF-8",
                        "T/steps/latin1.feature:2: not UTF-8 text (the byte at offset 16 is 0xe9); feature files"
                                + " are UTF-8",
                        "check",
                        "T/steps/latin1.feature"),
                bad(
                        "check of a feature with no scenario",
                        "no scenario in T/steps/no-scenario.feature (scenarios start with 'Scenario:'",
                        "check",
                        "T/steps/no-scenario.feature"),
                bad("check of a directory of no feature", "no .feature file in T/adir", "check", "T/adir"),
                bad(
                        "check --list-steps with features",
                        "--list-steps prints the step vocabulary and checks nothing; drop 'T/undefined', --tags or"
                                + " --list-steps",
                        "check",
                        "--list-steps",
                        "--tags",
                        "@B1",
                        "T/undefined"),
                bad(
                        "check --plugin html:DIR",
                        "--plugin html:T/adir: is a directory; give a file name",
                        "check",
                        "--plugin",
                        "html:T/adir",
                        "T/undefined"),
                bad(
                        "check --plugin under a file",
                        "--plugin json:T/afile/x.json: T/afile is not a directory",
                        "check",
                        "--plugin",
                        "json:T/afile/x.json",
                        "T/undefined"),
                bad(
                        "check --plugin into new directories, of features the oracle refuses",
                        "T/undefined/undefined.feature:6: no step definition matches",
                        "check",
                        "--plugin",
                        "html:T/new/dir/x.html",
                        "T/undefined"),
                bad(
                        "series --mbox missing",
                        "--mbox T/nowhere.mbox: no such file; give an mbox, an .eml or a .patch",
                        "series",
                        "--mbox",
                        "T/nowhere.mbox",
                        "--features",
                        "T/undefined"),
                bad(
                        "series --kills missing",
                        "--kills T/nowhere.json: no such file; give the kill matrix 'daxspec check --kills FILE'"
                                + " writes",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/undefined",
                        "--kills",
                        "T/nowhere.json"),
                bad(
                        "series --rules a directory",
                        "--rules T/adir: is a directory; give a touches.rules file",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/undefined",
                        "--rules",
                        "T/adir"),
                bad(
                        "conform of a file with no case",
                        "no case in T/afile (a case file holds 'case NAME' blocks",
                        "conform",
                        "--oracle-only",
                        "T/afile"),
                bad(
                        "conform --case that matches nothing",
                        "no case matches --case 'nomatch*' ('daxspec conform --list' prints the case names)",
                        "conform",
                        "--oracle-only",
                        "--case",
                        "nomatch*",
                        "T/io-write.case"),
                bad(
                        "conform --features --case that matches no scenario, before compiling them",
                        "no scenario matches --case 'nomatch*' ('daxspec conform --features --list'",
                        "conform",
                        "--oracle-only",
                        "--features",
                        "--case",
                        "nomatch*",
                        "T/undefined"),
                bad(
                        "series --features without touches.rules",
                        "--features T/steps has no touches.rules: give the rules with --rules FILE",
                        "series",
                        "--mbox",
                        "T/empty.mbox",
                        "--features",
                        "T/steps"),
                bad(
                        "generate --out a file, before the features",
                        "--out T/afile: exists and is not a directory",
                        "generate",
                        "--format",
                        "shell",
                        "--out",
                        "T/afile",
                        "T/undefined"),
                bad(
                        "generate --out a directory of other files, before the features",
                        "--out T/linux: exists and is not a suite daxspec wrote",
                        "generate",
                        "--format",
                        "xfstests",
                        "--start",
                        "1000",
                        "--out",
                        "T/linux",
                        "T/undefined"),
                bad(
                        "generate --from-cases of a file that is no case file",
                        "T/damaged.mbox:1: expected 'case NAME' before this line",
                        "generate",
                        "--format",
                        "shell",
                        "--out",
                        "T/suite",
                        "--from-cases",
                        "T/damaged.mbox"),
                bad(
                        "conform --known an empty file",
                        "T/afile:1: the file is empty; it holds a JSON list of known deviations",
                        "conform",
                        "--oracle-only",
                        "--known",
                        "T/afile",
                        "T/io-write.case"),
                bad("run of a file", "T/afile is not a daxspec suite: it is not a directory", "run", "T/afile"),
                bad(
                        "--version with an argument",
                        "unknown command 'extra'; the commands are check, generate",
                        "--version",
                        "extra"),
                bad(
                        "help of a command with an argument too many",
                        "unexpected argument 'extra' (see 'daxspec help --help')",
                        "help",
                        "check",
                        "extra"),
                bad(
                        "run with an argument too many",
                        "unexpected argument 'extra' (see 'daxspec run --help')",
                        "run",
                        "T/nowhere",
                        "extra"),
                bad(
                        "explore --alphabet without --exhaustive",
                        "--alphabet, --offsets: only --exhaustive K uses them; give --exhaustive or drop them",
                        "explore",
                        "--against",
                        "variant:short-write-extends-size",
                        "--programs",
                        "1",
                        "--alphabet",
                        "frob",
                        "--offsets",
                        "abc",
                        "--out",
                        "T/explore"),
                bad("an unknown option", "Unknown option: '--frob' (see 'daxspec check --help')", "check", "--frob"));
    }

    private static Bad bad(String name, String says, String... args) {
        return new Bad(name, Arrays.asList(args), says);
    }

    @BeforeAll
    static void inputs() throws IOException {
        Path undefined = Files.createDirectories(tmp.resolve("undefined"));
        Files.copy(Fixtures.root().resolve("features/touches.rules"), undefined.resolve("touches.rules"));
        Files.writeString(undefined.resolve("undefined.feature"), """
                @B2 @touches:fs/ext2/super.c:ext2_fill_super
                Feature: the oracle refuses this

                  Scenario: a step no definition matches
                    Given ext4 on pmem mounted with dax=always
                    Then the moon is made of cheese
                """);
        Path steps = Files.createDirectories(tmp.resolve("steps"));
        String feature = """
                @B1
                Feature: a value that is wrong

                  Scenario: the value is refused, named with its line
                    Given ext4 on pmem mounted with dax=always
                    And a file "f" of 4096 bytes
                    When 100 bytes of 0x62 are written at 0
                    Then the file size is 4096 bytes
                """;
        Files.writeString(steps.resolve("at-minus-1.feature"), feature.replace("written at 0", "written at -1"));
        Files.writeString(steps.resolve("qib.feature"), feature.replace("of 4096 bytes\n", "of 4 QiB\n"));
        Files.writeString(
                steps.resolve("zz.feature"), feature.replace("of 4096 bytes\n", "of 4096 bytes filled with 0xZZ\n"));
        Files.writeString(steps.resolve("btrfs.feature"), feature.replace("Given ext4 on pmem", "Given btrfs on pmem"));
        Files.writeString(steps.resolve("nvme.feature"), feature.replace("Given ext4 on pmem", "Given ext4 on nvme"));
        Files.writeString(steps.resolve("empty.feature"), "");
        Files.write(
                steps.resolve("latin1.feature"),
                feature.replace("a value that is wrong", "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(steps.resolve("no-scenario.feature"), "@B1\nFeature: only a title\n");
        Files.createDirectories(tmp.resolve("adir"));
        Files.writeString(tmp.resolve("afile"), "");
        Files.write(
                tmp.resolve("latin1.case"),
                ("case x\nabout: B1 \u00ff @seed:004\n"
                                + "target: ext4 pmem dax=always block=4096\nxfs_io -f -c \"pwrite 0 1\" f\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        Files.copy(Fixtures.root().resolve("fixtures/conformance/io-write.case"), tmp.resolve("io-write.case"));
        Files.writeString(tmp.resolve("bad.json"), "[{\"case\": \"x\", ");
        Files.writeString(tmp.resolve("partial.json"), "{\"io-enospc-31\": []}\n");
        List<String> mbox = Files.readAllLines(Fixtures.series("seed004-xip.mbox"));
        assertThat(mbox.get(19)).startsWith("@@ -844,8 +844,7 @@");
        List<String> damaged = new ArrayList<>(mbox);
        damaged.set(19, "@@ -abc,7 +x,7 @@ static int ext2_fill_super(struct super_");
        Files.write(tmp.resolve("damaged.mbox"), damaged);
        Files.write(tmp.resolve("truncated.mbox"), mbox.subList(0, 26));
        Files.writeString(tmp.resolve("empty.mbox"), "");
        byte[] garbage = new byte[3000];
        new Random(14).nextBytes(garbage);
        Files.write(tmp.resolve("garbage.mbox"), garbage);
        try (TestRepo repo = TestRepo.init(tmp.resolve("linux"))) {
            repo.write("fs/dax.c", "int dax;\n").commit("base");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isOneLineExitTwoAndLeavesNothing(Bad bad) throws IOException {
        String t = tmp.toString();
        String[] args = bad.args().stream().map(a -> a.replace("T/", t + "/")).toArray(String[]::new);
        List<Path> before = tree();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(args);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        assertThat(status).as(err.toString()).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        String says = bad.says().replace("T/", t + "/");
        // daxspec's own line, or a problem in a feature as FILE:LINE: MESSAGE, as check prints it
        assertThat(err.toString())
                .hasLineCount(1)
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .satisfiesAnyOf(
                        e -> assertThat(e).startsWith("daxspec: ").contains(says),
                        e -> assertThat(e)
                                .startsWith(says.substring(0, says.indexOf(": ") + 2))
                                .contains(says));
        assertThat(tree()).as("files after the bad input").isEqualTo(before);
    }

    /** The good side of checking output files first: a --kills file in directories that do not exist yet is written. */
    @org.junit.jupiter.api.Test
    void killsIntoMissingDirectoriesIsWritten(@TempDir Path dir) {
        Path kills = dir.resolve("new/dir/kills.json");
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute(
                        "check",
                        "--kills",
                        kills.toString(),
                        Fixtures.root()
                                .resolve("features/io/unaligned_writes.feature")
                                .toString()))
                .isZero();
        assertThat(kills).isRegularFile();
    }

    /**
     * The other side: an {@link IllegalArgumentException} from daxspec's own code is a bug, not
     * bad input: it keeps its trace, says it is a bug, and exits 70, not 2.
     */
    @org.junit.jupiter.api.Test
    void aBugIsNotTheUsersMistake() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int status = new Errors().handleExecutionException(new IllegalArgumentException("no thread 999"), cl, null);
        assertThat(status).isEqualTo(Errors.BUG);
        assertThat(err.toString())
                .contains("java.lang.IllegalArgumentException: no thread 999\n\tat ")
                .contains("daxspec: internal error: java.lang.IllegalArgumentException: no thread 999; this is a bug in"
                        + " daxspec");
    }

    /** Every path under the test's directory, hidden ones included, in order. */
    private static List<Path> tree() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.sorted().toList();
        }
    }
}

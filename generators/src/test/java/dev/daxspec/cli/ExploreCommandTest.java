package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.conform.CaseFileParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code daxspec explore} against kernel variants: each finds its bug with a shrunk program
 * of at most 6 commands; the output is the same for the same seed; shards merge to what one
 * run finds; a finding's draft scenario passes on the oracle; bad input is one line and exit 2.
 */
class ExploreCommandTest {

    @TempDir
    Path dir;

    /** A few variants on every build; the benchmark (ExploreBenchmark) runs all twelve. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "xip-write-ignores-page-offset",
                "dax-fault-eof-rounding",
                "read-fault-allocates",
                "xip-blocksize-check-missing"
            })
    void aVariantIsFoundWithAShortProgram(String variant) throws IOException {
        Path out = dir.resolve(variant);
        Result r = run("explore", "--against", "variant:" + variant, "--programs", "3000", "--out", out.toString());
        assertThat(r.status).as(r.err).isEqualTo(1);
        assertThat(r.out).contains("NEW   001");
        String finding = Files.readString(out.resolve("findings/001/finding.txt"));
        Matcher m = Pattern.compile("shrunk to (\\d+)").matcher(finding);
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isBetween(0, 6);
        // The shrunk program is a conformance case the parser reads back.
        CaseFileParser parser = new CaseFileParser();
        parser.parse(out.resolve("findings/001/program.case"));
        assertThat(parser.problems()).isEmpty();
        assertThat(parser.cases()).hasSize(1);
        assertThat(Files.readString(out.resolve("findings/001/kernel.out")))
                .isNotEqualTo(Files.readString(out.resolve("findings/001/oracle.out")));
        assertThat(Files.readAllLines(out.resolve("report.txt")).size()).isLessThanOrEqualTo(40);
    }

    /**
     * B6 on the targets the qemu backend runs it on, pmem and brd apart: random programs find
     * it within a few hundred programs, and a known deviation naming the variant reports it
     * as KNOWN, as ext4 on 6.1 is reported.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pmem", "brd"})
    void theEofPageVariantIsFoundOnExt4AndReportedAsItsKnownDeviation(String device) throws IOException {
        Path known = dir.resolve("known.json");
        Files.writeString(known, """
                [{"name": "the variant itself", "fs": "ext4", "releases": "variant:eof-block-not-zeroed",
                  "variant": "eof-block-not-zeroed", "rule": "B6", "why": "it is the variant"}]
                """);
        Path out = dir.resolve(device);
        Result r = run(
                "explore",
                "--against",
                "variant:eof-block-not-zeroed",
                "--fs",
                "ext4",
                "--device",
                device,
                "--programs",
                "400",
                "--known",
                known.toString(),
                "--out",
                out.toString());
        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out).containsPattern("(?m)^KNOWN +001 ").doesNotContainPattern("(?m)^NEW ");
        assertThat(Files.readString(out.resolve("findings/001/program.case"))).contains("mwrite");
    }

    @Test
    void theDraftScenarioPassesOnTheOracleAndKillsTheVariant() throws IOException {
        Path out = dir.resolve("x");
        run(
                "explore",
                "--against",
                "variant:xip-write-ignores-page-offset",
                "--programs",
                "1000",
                "--out",
                out.toString());
        Path feature = out.resolve("findings/001/scenario.feature");
        Result check = run("check", feature.toString());
        assertThat(check.out)
                .as(check.err)
                .contains("1 passed, 0 failed on the correct oracle")
                .containsPattern("xip-write-ignores-page-offset \\([^)]*\\): killed by 1 scenario");
    }

    @Test
    void theSameSeedGivesTheSameReportAndShardsMergeToTheSameFindings() throws IOException {
        String[] base = {"explore", "--against", "variant:dax-fault-eof-rounding", "--programs", "400", "--seed", "7"};
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        run(concat(base, "--out", a.toString()));
        run(concat(base, "--out", b.toString()));
        assertThat(Files.readString(b.resolve("report.txt"))).isEqualTo(Files.readString(a.resolve("report.txt")));
        assertThat(Files.readString(b.resolve("explore.json"))).isEqualTo(Files.readString(a.resolve("explore.json")));
        assertThat(tree(b)).isEqualTo(tree(a));

        Path s1 = dir.resolve("s1");
        Path s2 = dir.resolve("s2");
        run(concat(base, "--shard", "1/2", "--out", s1.toString()));
        run(concat(base, "--shard", "2/2", "--out", s2.toString()));
        Path merged = dir.resolve("merged");
        Result m = run("explore", "merge", s1.toString(), s2.toString(), "--out", merged.toString());
        assertThat(m.status).as(m.err).isEqualTo(1);
        String one = Files.readString(a.resolve("report.txt"));
        String all = Files.readString(merged.resolve("report.txt"));
        assertThat(line(all, "^\\d+ programs:.*")).isEqualTo(line(one, "^\\d+ programs:.*"));
        assertThat(signatures(all)).isEqualTo(signatures(one));
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("mine.txt"), "not an exploration");
        String[][] cases = {
            {"explore", "--against", "frob"},
            {"explore", "--against", "variant:no-such-bug"},
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--shard", "3/2"},
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--shard", "0/2"},
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--shard", "x"},
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--programs", "0"},
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--programs", "5", "--minutes", "1"},
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--out", file.toString()},
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--out", foreign.toString()},
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--fs", "btrfs"},
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--block-size", "3000"},
            {
                "explore",
                "--against",
                "variant:dax-fault-eof-rounding",
                "--exhaustive",
                "2",
                "--alphabet",
                "frob",
                "--fs",
                "ext4",
                "--device",
                "pmem",
                "--mount",
                "dax=always"
            },
            {"explore", "--against", "host", "--kernel-profile", "latest"},
            {"explore", "--against", "host", "--device", "pmem"},
            {
                "explore",
                "--against",
                "host",
                "--image-dir",
                "/proc/no-images-here",
                "--out",
                dir.resolve("img").toString()
            },
            {
                "explore",
                "merge",
                dir.resolve("nothing").toString(),
                "--out",
                dir.resolve("m").toString()
            },
            {
                "explore",
                "--against",
                "variant:dax-fault-eof-rounding",
                "--known",
                dir.resolve("none.json").toString()
            },
            {"explore", "--against", "variant:dax-fault-eof-rounding", "--known", file.toString()},
        };
        for (String[] args : cases) {
            Result r = run(args);
            assertThat(r.status).as(String.join(" ", args) + ": " + r.err).isEqualTo(2);
            assertThat(r.err.lines().filter(l -> l.startsWith("daxspec: ")).count())
                    .as(r.err)
                    .isEqualTo(1);
            assertThat(r.err).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(Files.readString(foreign.resolve("mine.txt"))).isEqualTo("not an exploration");
    }

    @Test
    void exhaustiveProgramsOverATinyAlphabetFindTheUnalignedWrite() throws IOException {
        Path out = dir.resolve("ex");
        Result r = run(
                "explore",
                "--against",
                "variant:xip-write-ignores-page-offset",
                "--exhaustive",
                "2",
                "--alphabet",
                "pwrite,pread",
                "--offsets",
                "0,4095,4096,4097",
                "--lengths",
                "1,4096",
                "--fs",
                "ext4",
                "--device",
                "pmem",
                "--mount",
                "dax=always",
                "--block-size",
                "4096",
                "--out",
                out.toString());
        assertThat(r.status).as(r.err).isEqualTo(1);
        // 8 writes and 4 reads: 12 + 144 programs, all of them run.
        assertThat(r.out).contains("156 programs:").contains("every program of at most 2 commands");
    }

    private static String line(String text, String regex) {
        return text.lines().filter(l -> l.matches(regex)).findFirst().orElse("");
    }

    private static List<String> signatures(String report) {
        return report.lines()
                .filter(l -> l.matches("^(NEW|KNOWN) +\\d{3} .*"))
                .map(l -> l.replaceAll("^(\\S+) +\\d{3} +(.*?)  \\(.*", "$1 $2"))
                .sorted()
                .toList();
    }

    private static List<String> tree(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    out.add(root.relativize(p) + " " + Files.readString(p).hashCode());
                }
            }
        }
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Result(status, out.toString(), err.toString());
    }
}

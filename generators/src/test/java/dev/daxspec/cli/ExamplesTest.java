package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.emit.Suite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code daxspec} example in a {@code --help} footer, in README.md and in docs/ works as shown:
 * each is in the table below with the exit status it has, and each that needs no VM, kernel
 * tree or xfstests checkout of the user's is run, in order, through {@link Main#commandLine(String...)}.
 * The bundled features are found through {@code daxspec.home}, as the launcher sets it, though
 * the tests run in {@code generators/}; paths under {@code /tmp}, {@code ~/xfstests} and
 * {@code target/} go to a temporary directory.
 */
class ExamplesTest {

    /** How an example ends: its exit status, or why it is not run here. */
    private record Expect(int exit, String notRun, List<String> instead) {
        static Expect exit(int status) {
            return new Expect(status, null, List.of());
        }

        /** Not run (it boots a VM, or needs the user's kernel tree); {@code instead}, if any, runs in its place. */
        static Expect notRun(String why, String... instead) {
            return new Expect(-1, why, List.of(instead));
        }
    }

    private static final String VM = "boots a kernel in qemu";

    /** Every example, as printed (continuation lines joined, comment dropped), and how it ends. */
    private static final Map<String, Expect> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("daxspec check", Expect.exit(0));
        EXAMPLES.put("daxspec check features/io", Expect.exit(0));
        EXAMPLES.put("daxspec check --tags '@seed:002'", Expect.exit(0));
        EXAMPLES.put("daxspec check --tags '@touches:fs/dax.c:dax_iomap_pmd_fault'", Expect.exit(0));
        EXAMPLES.put("daxspec check --junit target/check.xml --plugin html:target/features.html", Expect.exit(0));
        EXAMPLES.put("daxspec check --list-steps", Expect.exit(0));
        EXAMPLES.put("daxspec generate --format shell --out /tmp/suite", Expect.exit(0));
        EXAMPLES.put(
                "daxspec generate --format shell --out /tmp/mmap --tags '@B2 or @B6' features/mmap", Expect.exit(0));
        EXAMPLES.put("daxspec generate --format xfstests --out /tmp/xt --start 1000", Expect.exit(0));
        EXAMPLES.put("daxspec generate --format xfstests --out /tmp/xt --xfstests-dir ~/xfstests", Expect.exit(0));
        EXAMPLES.put("daxspec generate --format xfstests --xfstests-dir ~/xfstests --out /tmp/xt", Expect.exit(0));
        EXAMPLES.put(
                "daxspec generate --format shell --out /tmp/cases --from-cases fixtures/conformance"
                        + " --case 'pwrite*'",
                Expect.exit(0));
        EXAMPLES.put("daxspec run /tmp/suite --junit /tmp/suite.xml", Expect.notRun(VM));
        EXAMPLES.put(
                "daxspec run --kernel arch/x86/boot/bzImage --modules /tmp/mods/lib/modules/6.12.0 /tmp/suite",
                Expect.notRun(VM));
        EXAMPLES.put("daxspec run --test mmap-eof_sigbus-23 /tmp/suite", Expect.notRun(VM));
        EXAMPLES.put(
                "daxspec run --format xfstests --xfstests-dir ~/xfstests --fs xfs --device pmem"
                        + " --junit /tmp/xt.xml /tmp/xt",
                Expect.notRun(VM));
        EXAMPLES.put("daxspec series --repo ~/linux --range v6.1..dax-fixes", Expect.notRun("needs a kernel tree"));
        EXAMPLES.put(
                "daxspec series --mbox xip.mbox --repo ~/linux --format json",
                Expect.notRun("needs a kernel tree", "daxspec series --mbox xip.mbox --format json"));
        EXAMPLES.put("daxspec series --mbox xip.mbox --generate /tmp/xt --suite-format xfstests", Expect.exit(0));
        EXAMPLES.put(
                "daxspec series --repo ~/linux --range v6.1..HEAD --base-kernel /tmp/b/bzImage"
                        + " --base-modules /tmp/b/lib/modules/6.1.0 --head-kernel /tmp/h/bzImage"
                        + " --head-modules /tmp/h/lib/modules/6.1.0+ --junit series.xml --kcidb series.kcidb.json",
                Expect.notRun(VM));
        EXAMPLES.put(
                "daxspec series --mbox xip.mbox --base-kernel B/bzImage --base-modules B/lib/modules/6.1.0"
                        + " --head-kernel H/bzImage --head-modules H/lib/modules/6.1.0+ --junit series.xml"
                        + " --kcidb series.json",
                Expect.notRun(VM));
        EXAMPLES.put(
                "daxspec series --repo ~/linux --range v6.1..HEAD --base-kernel /tmp/b/bzImage"
                        + " --base-modules /tmp/b/lib/modules/6.1.0 --head-kernel /tmp/h/bzImage"
                        + " --head-modules /tmp/h/lib/modules/6.1.0+ --explore 10 --explore-out /tmp/changes",
                Expect.notRun(VM));
        EXAMPLES.put(
                "daxspec series bisect-script --suite /tmp/changes/changes/001/shell"
                        + " --test series-explore-001 --out bisect.sh",
                Expect.notRun("needs the changes a series --explore" + " on two kernels writes"));
        EXAMPLES.put("daxspec series --mbox xip.mbox --generate /tmp/targeted", Expect.exit(0));
        EXAMPLES.put(
                "daxspec series bisect-script --suite /tmp/targeted --test io-unaligned_writes-27" + " --out bisect.sh",
                Expect.exit(0));
        EXAMPLES.put(
                "daxspec series bisect-script --test mmap-eof_sigbus-23 --suite /tmp/suite --out bisect.sh",
                Expect.exit(0));
        EXAMPLES.put("daxspec predict -f -c 'pwrite -S 0x61 100 1000' -c 'pread -v 96 16' f", Expect.exit(0));
        EXAMPLES.put("daxspec predict --fs xfs --device brd -f -c 'falloc 0 1m' -c 'seek -a -r 0' f", Expect.exit(0));
        EXAMPLES.put("daxspec predict --block-size 1024 --mount dax=always -f -c stat f", Expect.exit(32));
        EXAMPLES.put(
                "daxspec predict -f -c 'pwrite -S 0x61 0 1100' -c 'mmap -rw 0 8192' -c 'mread -v 1096 8' f",
                Expect.exit(0));
        EXAMPLES.put("daxspec predict -f -c 'truncate 4096' -c 'mmap -r 0 8192' -c 'mread 4096 1' f", Expect.exit(135));
        EXAMPLES.put("daxspec predict --fs xfs -f -c \"pwrite 100 1000\" -c \"fiemap -v\" f", Expect.exit(0));
        EXAMPLES.put("daxspec conform", Expect.notRun(VM, "daxspec conform --list"));
        EXAMPLES.put(
                "daxspec conform fixtures/conformance/io-write.case --case 'pwrite*'",
                Expect.notRun(VM, "daxspec conform fixtures/conformance/io-write.case --case 'pwrite*' --list"));
        EXAMPLES.put(
                "daxspec conform --kernel arch/x86/boot/bzImage --modules /tmp/mods/lib/modules/6.12.0",
                Expect.notRun(VM));
        EXAMPLES.put("daxspec conform --list", Expect.exit(0));
        EXAMPLES.put("daxspec conform --oracle-only --case 'mmap-past-eof*'", Expect.exit(0));
        EXAMPLES.put("daxspec conform --case 'mmap-eof*' --oracle-only", Expect.exit(0));
        EXAMPLES.put(
                "daxspec conform --features --case 'mmap-pmd_faults-*'",
                Expect.notRun(VM, "daxspec conform --features --case 'mmap-pmd_faults-*' --list"));
        EXAMPLES.put(
                "daxspec bench --fs xfs",
                Expect.notRun(
                        "its kernel side needs root and loop devices (BenchCommandTest" + " runs it)",
                        "daxspec bench --fs xfs --oracle-only"));
        EXAMPLES.put("daxspec bench --oracle-only --commands 100000 --fs xfs", Expect.exit(0));
        EXAMPLES.put(
                "daxspec explore --against variant:xip-write-ignores-page-offset --programs 2000 --out /tmp/v",
                Expect.exit(1));
        EXAMPLES.put(
                "daxspec explore --against host --fs xfs --programs 5000 --out /tmp/x",
                Expect.notRun("needs root and loop devices (HostBackendTest runs the host backend)"));
        EXAMPLES.put("daxspec explore --against qemu --fs ext4 --device pmem --minutes 30", Expect.notRun(VM));
        EXAMPLES.put(
                "daxspec explore --against host --fs ext4 --exhaustive 2 --alphabet pwrite,truncate,pread"
                        + " --offsets 0,4095,4096,4097 --lengths 1,4096 --out /tmp/e",
                Expect.notRun(
                        "needs root and loop devices",
                        "daxspec explore --against"
                                + " variant:map-sync-not-durable --fs ext4 --device pmem --mount dax=always --block-size 4096"
                                + " --exhaustive 2 --alphabet pwrite,truncate,pread --offsets 0,4095,4096,4097"
                                + " --lengths 1,4096 --out /tmp/e"));
        EXAMPLES.put(
                "daxspec explore --against host --shard 2/4 --programs 20000 --out shard2",
                Expect.notRun("needs root and loop devices"));
        EXAMPLES.put(
                "daxspec explore merge shard1 shard2 shard3 shard4 --out all",
                Expect.notRun("merges the shards of the example above"));
        EXAMPLES.put(
                "daxspec explore merge shard1 shard2 --out all", Expect.notRun("merges the shards of an exploration"));
        EXAMPLES.put("daxspec report --out /tmp/report", Expect.exit(0));
        EXAMPLES.put(
                "daxspec report --runs target/ci --out /tmp/report",
                Expect.notRun("reads the kernel runs ci/test leaves in target/ci (ReportTest makes three)"));
        EXAMPLES.put(
                "daxspec report --runs 6.1 6.12 next/shell.xml --explore /tmp/x --out r",
                Expect.notRun("reads the user's kernel runs (ReportTest makes three)"));
        EXAMPLES.put("daxspec report --tags '@seed:002' --out /tmp/seed002", Expect.exit(0));
        EXAMPLES.put("daxspec report ~/linux/features --out /tmp/report", Expect.notRun("needs a kernel tree"));
    }

    @TempDir
    static Path tmp;

    private static String home;

    @BeforeAll
    static void asTheLauncherRunsIt() throws IOException {
        home = System.getProperty(Home.PROPERTY);
        // The tests run in generators/; the launcher names the repository root.
        System.setProperty(
                Home.PROPERTY, Path.of("..").toAbsolutePath().normalize().toString());
        Path checkout = tmp.resolve("xfstests");
        Files.createDirectories(checkout.resolve("common"));
        Files.createDirectories(checkout.resolve("tests/generic"));
        Files.createDirectories(checkout.resolve("doc"));
        Files.writeString(checkout.resolve("common/preamble"), "");
        Files.writeString(checkout.resolve("tests/generic/001"), "");
        Files.writeString(
                checkout.resolve("doc/group-names.txt"),
                String.join(
                                "\n",
                                "auto",
                                "quick",
                                "dax",
                                "enospc",
                                "fiemap",
                                "mmap",
                                "mount",
                                "prealloc",
                                "punch",
                                "rw",
                                "seek",
                                "zero")
                        + "\n");
    }

    @AfterAll
    static void restore() {
        if (home == null) {
            System.clearProperty(Home.PROPERTY);
        } else {
            System.setProperty(Home.PROPERTY, home);
        }
    }

    @Test
    void everyExampleInTheHelpAndTheReadmeIsInTheTable() throws IOException {
        Set<String> shown = new LinkedHashSet<>(helpExamples());
        shown.addAll(readmeExamples());
        assertThat(shown).hasSizeGreaterThan(20);
        assertThat(EXAMPLES.keySet()).as("examples the help and README show").containsAll(shown);
        assertThat(shown)
                .as("examples in the table that nothing shows any longer")
                .containsAll(EXAMPLES.keySet());
    }

    @TestFactory
    Stream<DynamicTest> eachExampleThatNeedsNoVmEndsAsTheTableSays() throws IOException {
        List<String> shown = new ArrayList<>(new LinkedHashSet<>(helpExamples()));
        readmeExamples().stream().filter(e -> !shown.contains(e)).forEach(shown::add);
        List<DynamicTest> tests = new ArrayList<>();
        for (String example : shown) {
            Expect e = EXAMPLES.get(example);
            if (e == null) {
                continue;
            }
            if (e.notRun() == null) {
                tests.add(DynamicTest.dynamicTest(example, () -> assertExit(example, e.exit())));
            }
            for (String instead : e.instead()) {
                tests.add(DynamicTest.dynamicTest(instead + "  (for: " + example + ")", () -> assertExit(instead, 0)));
            }
        }
        return tests.stream();
    }

    @Test
    void theTestIdsTheRunAndBisectExamplesNameAreInTheSuitesTheExamplesWrite() throws IOException {
        assertExit("daxspec generate --format shell --out /tmp/suite", 0);
        Suite suite = Suite.read(tmp.resolve("suite"));
        assertThat(suite.tests().stream().flatMap(t -> t.ids().stream())).contains("mmap-eof_sigbus-23");
        assertExit("daxspec series --mbox xip.mbox --generate /tmp/targeted", 0);
        Suite targeted = Suite.read(tmp.resolve("targeted"));
        assertThat(targeted.tests().stream().flatMap(t -> t.ids().stream())).contains("io-unaligned_writes-27");
        // and an id not in the suite is bad input, found before any VM is asked for
        assertExit("daxspec run --test 'pwrite-unaligned@ext4-pmem-dax=always-4096' /tmp/suite", 2);
    }

    @Test
    void aCheckOfASubsetNamesTheVariantsItLeftOut() {
        String out = run("daxspec check --tags '@seed:002'", 0);
        assertThat(out)
                .contains("2 of 2 variants killed (those of rules B2, B4, B8)", "Not judged")
                .doesNotContain("SURVIVES");
    }

    @Test
    void theXfstestsFormatWithoutNumberingIsBadInputBeforeTheFeaturesAreRead() {
        long t0 = System.nanoTime();
        assertExit("daxspec generate --format xfstests --out /tmp/unnumbered", 2);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(1.0);
        assertThat(tmp.resolve("unnumbered")).doesNotExist();
        assertExit("daxspec generate --format xfstests --out /tmp/unnumbered --xfstests-dir /tmp/nowhere", 2);
        assertExit("daxspec generate --format xfstests --out /tmp/unnumbered --start 0", 2);
        assertThat(tmp.resolve("unnumbered")).doesNotExist();
    }

    @Test
    void conformListPrintsEveryCaseNameThatCaseTakes() {
        String all = run("daxspec conform --list", 0);
        assertThat(all.lines())
                .hasSizeGreaterThan(100)
                .allMatch(l -> l.matches("\\S+ +\\S*fixtures/conformance/[a-z-]+\\.case:\\d+"))
                .anyMatch(l -> l.startsWith("pwrite-unaligned@ext4-pmem-dax=always-4096 "));
        String some = run("daxspec conform --list --case 'mmap-past-eof*'", 0);
        assertThat(some.lines()).isNotEmpty().allMatch(l -> l.startsWith("mmap-past-eof"));
        assertExit("daxspec conform --oracle-only --case eof-zeroing", 2);
    }

    // --- helpers

    private static void assertExit(String example, int status) {
        run(example, status);
    }

    private static String run(String example, int status) {
        List<String> words = words(example);
        assertThat(words.get(0)).isEqualTo("daxspec");
        String[] args =
                words.subList(1, words.size()).stream().map(ExamplesTest::here).toArray(String[]::new);
        CommandLine cl = Main.commandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int got = cl.execute(args);
        assertThat(got)
                .as(example + "\nstderr:\n" + tail(err.toString()) + "\nstdout:\n" + tail(out.toString()))
                .isEqualTo(status);
        return out.toString();
    }

    /** An example's word, with its paths moved to where the test runs. */
    private static String here(String word) {
        if (word.startsWith("/tmp/")) {
            return tmp.resolve(word.substring(5)).toString();
        }
        if (word.startsWith("~/")) {
            return tmp.resolve(word.substring(2)).toString();
        }
        if (word.startsWith("target/")) {
            return tmp.resolve(word).toString();
        }
        if (word.startsWith("html:target/")) {
            return "html:" + tmp.resolve(word.substring(5));
        }
        if (word.startsWith("features/") || word.startsWith("fixtures/")) {
            return "../" + word;
        }
        return switch (word) {
            case "xip.mbox" -> "../fixtures/series/seed004-xip.mbox";
            case "bisect.sh", "series.xml", "series.json", "series.kcidb.json" ->
                tmp.resolve(word).toString();
            default -> word;
        };
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    /** The daxspec examples of every command's --help footer. */
    private static List<String> helpExamples() {
        List<String> out = new ArrayList<>();
        collect(Main.commandLine(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<String> out) {
        String[] footer = cl.getCommandSpec().usageMessage().footer();
        out.addAll(examples(List.of(footer), "daxspec "));
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) {
                collect(sub, out);
            }
        }
    }

    /** The ./daxspec lines of the shell blocks of README.md and of docs/*.md. */
    private static List<String> readmeExamples() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> block = new ArrayList<>();
        for (Path page : pages) {
            boolean in = false;
            for (String line : Files.readAllLines(page)) {
                if (line.startsWith("```")) {
                    in = !in && line.equals("```sh");
                    continue;
                }
                if (in) {
                    block.add(line);
                }
            }
        }
        return examples(block, "./daxspec ").stream().map(e -> e.substring(2)).toList();
    }

    /**
     * The lines of {@code text} that start with {@code prefix} (after indentation), with
     * their continuation lines joined and any trailing comment or {@code && ...} dropped,
     * spaces collapsed.
     */
    private static List<String> examples(List<String> text, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (!line.startsWith(prefix)) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            while (true) {
                String l = stripComment(text.get(i).strip());
                if (l.endsWith("\\")) {
                    sb.append(l, 0, l.length() - 1).append(' ');
                    i++;
                } else {
                    sb.append(l);
                    break;
                }
            }
            String joined = sb.toString();
            int and = joined.indexOf(" && ");
            if (and >= 0) {
                joined = joined.substring(0, and);
            }
            out.add(joined.strip().replaceAll("\\s+", " "));
        }
        return out;
    }

    /** The line without an unquoted {@code #} comment. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
                return line.substring(0, i).strip();
            }
        }
        return line;
    }

    /** The words of a shell command line, with single and double quotes as the shell takes them. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                w = w == null ? new StringBuilder() : w;
            } else if (c == ' ') {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }
}

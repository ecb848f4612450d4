package dev.daxspec.suite;

import dev.daxspec.emit.Suite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The guest's {@code /payload} for {@code daxspec run --format xfstests}: a copy of a built
 * xfstests checkout with the suite's {@code tests/} and {@code common/} in it, each test
 * directory's {@code group.list} made again by the checkout's own {@code tools/mkgroupfile} (what
 * {@code make} runs; without it {@code ./check} does not know the new tests), and a
 * configuration file for each section ({@link #config}). The checkout itself is not written to. Not copied:
 * {@code .git}, {@code results/}, object files and the checkout's own {@code local.config}; a
 * symbolic link to a file is copied as the file, any other link is left out.
 */
final class XfstestsPayload {

    /** The guest's RESULT_BASE: outside the payload, and emptied before each job. */
    static final String RESULT_BASE = "/tmp/xfstests-results";

    /** What {@code common/config} {@code _fatal}s without, and {@code make} builds. */
    private static final List<String> BUILT = List.of("ltp/fsstress", "ltp/fsx");

    private XfstestsPayload() {}

    /**
     * Writes the payload into the empty directory {@code into}.
     *
     * @throws IOException when {@code checkout} is not a built xfstests checkout, when the suite
     *     has a test the checkout has with other content, or when {@code mkgroupfile} fails; the
     *     message says which and what to do
     */
    static void write(Path checkout, Path suiteDir, Suite suite, List<XfstestsSection> sections, Path into)
            throws IOException {
        if (!Files.isRegularFile(checkout.resolve("check")) || !Files.isRegularFile(checkout.resolve("common/rc"))) {
            throw new IOException(checkout + " is not an xfstests checkout (it has no check and common/rc)");
        }
        for (String program : BUILT) {
            if (!Files.isExecutable(checkout.resolve(program))) {
                throw new IOException(checkout + " is not built (it has no " + program + "): run make in it");
            }
        }
        copyTree(checkout, into, true);
        SortedSet<String> testDirs = new TreeSet<>();
        for (Suite.Test t : suite.tests()) {
            for (String file : List.of(t.path(), t.path() + ".out")) {
                Path theirs = checkout.resolve(file);
                Path ours = suiteDir.resolve(file);
                if (!Files.isRegularFile(ours)) {
                    throw new IOException(
                            suiteDir.resolve(Suite.MANIFEST) + ": test " + file + " is not a file of the suite");
                }
                if (Files.exists(theirs) && Files.mismatch(theirs, ours) != -1) {
                    throw new IOException(checkout.resolve(file) + " is another test than the suite's " + file
                            + ": generate the suite with --xfstests-dir " + checkout
                            + ", which takes numbers the checkout does not use");
                }
            }
            testDirs.add(Path.of(t.path()).getParent().toString());
        }
        copyTree(suiteDir.resolve("tests"), into.resolve("tests"), false);
        copyTree(suiteDir.resolve("common"), into.resolve("common"), false);
        Path probe = suiteDir.resolve(Suite.PROBE_SOURCE);
        if (Files.isRegularFile(probe)) {
            Files.copy(probe, into.resolve(Suite.PROBE_SOURCE), StandardCopyOption.REPLACE_EXISTING);
            build(into.resolve(Suite.PROBE_SOURCE), into.resolve(Suite.PROBE_SOURCE.replaceFirst("\\.c$", "")));
        }
        for (String dir : testDirs) {
            groupList(into.resolve(dir));
        }
        Files.createDirectories(into.resolve(CONFIGS));
        for (XfstestsSection s : sections) {
            Files.writeString(
                    into.resolve(config(s)),
                    "# daxspec run --format xfstests: the section " + s.name() + "\n\n" + s.config(RESULT_BASE),
                    StandardCharsets.UTF_8);
        }
    }

    /**
     * The payload's configuration file of {@code s}, relative to it: a job gives it to
     * {@code ./check} as {@code HOST_OPTIONS}. A file per section, not one {@code local.config}
     * of them all: {@code ./check} takes the first section of its file as the one it starts
     * from, and with another job's section first it found that section's TEST_DEV mounted on
     * TEST_DIR where this section's SCRATCH_DEV is the same device, and refused to run.
     */
    static String config(XfstestsSection s) {
        return CONFIGS + "/" + s.name() + ".config";
    }

    /** Where the payload holds the sections' configuration files. */
    private static final String CONFIGS = "daxspec-sections";

    /** Runs {@code ../../tools/mkgroupfile group.list} in {@code testDir}, as the tests' Makefile does. */
    private static void groupList(Path testDir) throws IOException {
        run(
                List.of("bash", "../../tools/mkgroupfile", "group.list"),
                testDir,
                "tools/mkgroupfile in " + testDir.getFileName());
    }

    /**
     * Builds the suite's {@code src/daxspec-probe.c} as xfstests' {@code src/Makefile} builds
     * its programs once it is in {@code TARGETS}, with this machine's compiler: the guest's
     * image has this machine's libraries.
     */
    private static void build(Path source, Path program) throws IOException {
        run(
                List.of("cc", "-O2", "-Wall", "-o", program.toString(), source.toString()),
                source.getParent(),
                "cc " + source.getFileName() + " (it needs gcc and libc6-dev)");
    }

    /** Runs {@code command} in {@code dir}; {@code what} names it in the error when it fails. */
    private static void run(List<String> command, Path dir, String what) throws IOException {
        Path log = Files.createTempFile("daxspec-payload", ".log");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            p.getOutputStream().close();
            int status = p.waitFor();
            if (status != 0) {
                String said = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new IOException(what + " failed (exit " + status + ")"
                        + (said.isEmpty()
                                ? ""
                                : ": " + said.lines().reduce((a, b) -> b).orElse("")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Copies the tree {@code from} into {@code to}, replacing files; with {@code checkout}, leaves
     * out {@code .git}, {@code results} and object files.
     */
    private static void copyTree(Path from, Path to, boolean checkout) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths.sorted()::iterator) {
                Path rel = from.relativize(p);
                if (checkout && left(rel)) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    if (Files.isExecutable(p)) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean left(Path rel) {
        if (rel.toString().isEmpty()) {
            return false;
        }
        String first = rel.getName(0).toString();
        String name = rel.getFileName().toString();
        return first.equals(".git")
                || first.equals("results")
                || name.endsWith(".o")
                || rel.toString().equals("local.config");
    }
}

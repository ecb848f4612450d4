package dev.daxspec.emit;

import dev.daxspec.oracle.target.DeviceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A written suite as its manifest, {@value #MANIFEST} at the suite's top, lists it: the
 * format, each test file with the device kind its expected output was predicted on and the
 * daxspec ids it comes from, the tests left out of the format with the reason, and (xfstests)
 * the known deviations' outputs. The manifest is what {@code daxspec run} reads, and marks a
 * directory as a suite that {@code daxspec generate} may replace. Immutable.
 *
 * <p>Its text: a comment line, then tab-separated lines {@code format F},
 * {@code test PATH DEVICE ID[ ID...]}, {@code left-out ID REASON} and
 * {@code deviation PATH FSTYP FILE REASON}.
 *
 * @param format the suite's format
 * @param tests the tests, in the order they run
 * @param leftOut the test cases this format could not hold, with the reason
 * @param deviations the outputs of kernels known to depart from a test's rule (the shell
 *     format keeps them beside each test instead, {@code tests/ID.deviation.N})
 */
public record Suite(Format format, List<Test> tests, List<LeftOut> leftOut, List<Deviation> deviations) {

    /** The manifest's file name. */
    public static final String MANIFEST = ".daxspec-suite";

    /**
     * Where a suite whose tests map privately holds the source of {@code daxspec-probe},
     * which runs those steps (xfs_io maps MAP_SHARED only): built by the shell format's
     * run.sh, and in the xfstests format one of xfstests' {@code src/} programs.
     */
    public static final String PROBE_SOURCE = "src/daxspec-probe.c";

    /**
     * One test file.
     *
     * @param path relative to the suite, with {@code /}: {@code tests/ID.sh}, {@code tests/ext4/750}
     * @param device the kind of device its expected output was predicted on; {@code daxspec
     *     run} runs it on that one
     * @param ids the daxspec test ids it checks (an xfstests test may stand for several
     *     that predict the same output)
     */
    public record Test(String path, DeviceKind device, List<String> ids) {
        public Test {
            ids = List.copyOf(ids);
        }
    }

    /** A test case a format could not hold, and why. */
    public record LeftOut(String id, String reason) {}

    /**
     * What a kernel known to depart from a test's rule prints instead: an xfstests test whose
     * {@code .out.bad} is exactly {@code file} in a section of filesystem {@code fs} is a known
     * deviation, not a failure.
     *
     * @param test the test's path, as {@link Test#path}
     * @param fs the filesystem (FSTYP) the deviation was seen on
     * @param file relative to the suite: the output, as {@code ./check} writes {@code .out.bad}
     * @param reason the deviation's reason, one line ({@link KnownDeviation#reason})
     */
    public record Deviation(String test, String fs, String file, String reason) {}

    public Suite {
        tests = List.copyOf(tests);
        leftOut = List.copyOf(leftOut);
        deviations = List.copyOf(deviations);
    }

    /** A suite with no {@link Deviation} lines. */
    public Suite(Format format, List<Test> tests, List<LeftOut> leftOut) {
        this(format, tests, leftOut, List.of());
    }

    /**
     * The suite of {@code tests} (some of this suite's) and {@code leftOut}: this suite's
     * format, and the deviations of those tests.
     */
    public Suite subset(List<Test> tests, List<LeftOut> leftOut) {
        return new Suite(
                format,
                tests,
                leftOut,
                deviations.stream()
                        .filter(d -> tests.stream().anyMatch(t -> t.path().equals(d.test())))
                        .toList());
    }

    /** The deviations of {@code test} on filesystem {@code fs}. */
    public List<Deviation> deviations(Test test, String fs) {
        return deviations.stream()
                .filter(d -> d.test().equals(test.path()) && d.fs().equals(fs))
                .toList();
    }

    /** The manifest's text. */
    public String manifest() {
        StringBuilder sb = new StringBuilder("# daxspec suite: written by 'daxspec generate', read by 'daxspec run'\n");
        sb.append("format\t").append(format.label()).append('\n');
        for (Test t : tests) {
            sb.append("test\t")
                    .append(t.path())
                    .append('\t')
                    .append(t.device().deviceName())
                    .append('\t')
                    .append(String.join(" ", t.ids()))
                    .append('\n');
        }
        for (LeftOut l : leftOut) {
            sb.append("left-out\t")
                    .append(l.id())
                    .append('\t')
                    .append(l.reason().replace('\n', ' '))
                    .append('\n');
        }
        for (Deviation d : deviations) {
            sb.append("deviation\t")
                    .append(String.join(
                            "\t", d.test(), d.fs(), d.file(), d.reason().replace('\n', ' ')))
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads the manifest of the suite in {@code dir}.
     *
     * @throws IOException when there is none or it is malformed; the message names the file
     *     and line
     */
    public static Suite read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a daxspec suite: "
                    + (Files.exists(dir) ? "it is not a directory" : "no such directory"));
        }
        Path file = dir.resolve(MANIFEST);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(
                    dir + " is not a daxspec suite: it has no " + MANIFEST + " (write one with 'daxspec generate')", e);
        }
        Format format = null;
        List<Test> tests = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        List<Deviation> deviations = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "format" -> format = Format.parse(field(f, 1, 2));
                    case "test" ->
                        tests.add(new Test(field(f, 1, 4), DeviceKind.parse(f[2]), List.of(f[3].split(" "))));
                    case "left-out" -> leftOut.add(new LeftOut(field(f, 1, 3), f[2]));
                    case "deviation" -> deviations.add(new Deviation(field(f, 1, 5), f[2], f[3], f[4]));
                    default -> throw new IllegalArgumentException("unknown line kind '" + f[0] + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (format == null) {
            throw new IOException(file + ": no 'format' line");
        }
        return new Suite(format, tests, leftOut, deviations);
    }

    /** {@code f[i]}, after checking that the line has exactly {@code n} fields. */
    private static String field(String[] f, int i, int n) {
        if (f.length != n) {
            throw new IllegalArgumentException(
                    "'" + f[0] + "' takes " + (n - 1) + " tab-separated fields, not " + (f.length - 1));
        }
        return f[i];
    }
}

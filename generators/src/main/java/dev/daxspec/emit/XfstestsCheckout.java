package dev.daxspec.emit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An xfstests checkout, read for the test numbers in use and the documented groups. Not
 * thread-safe: it caches the numbers of each test directory it reads.
 */
final class XfstestsCheckout {

    /** A test's name: three or more digits, then optionally {@code -name} (common/test_names). */
    private static final Pattern TEST_NAME = Pattern.compile("(\\d{3,})(-[A-Za-z0-9-]*)?");
    /** A group line of doc/group-names.txt, as xfstests' {@code new} script reads it. */
    private static final Pattern GROUP_LINE = Pattern.compile("^([a-z0-9_]+)\\s.*|^([a-z0-9_]+)$");

    private final Path dir;
    private final Map<String, Set<Integer>> used = new HashMap<>();

    private XfstestsCheckout(Path dir) {
        this.dir = dir;
    }

    /** Opens {@code dir} after checking that it is an xfstests checkout. */
    static XfstestsCheckout open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("common/preamble")) || !Files.isDirectory(dir.resolve("tests"))) {
            throw new IOException(dir + " is not an xfstests checkout (it has no common/preamble and tests/)");
        }
        return new XfstestsCheckout(dir);
    }

    /**
     * Checks that every group is documented in {@code doc/group-names.txt}, as xfstests'
     * {@code new} script insists.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the groups that are not there
     */
    void checkGroups(Set<String> groups) throws IOException {
        Path doc = dir.resolve("doc/group-names.txt");
        SortedSet<String> known = new TreeSet<>();
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            Matcher m = GROUP_LINE.matcher(line);
            if (m.matches()) {
                known.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        SortedSet<String> missing = new TreeSet<>(groups);
        missing.removeAll(known);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(doc + " does not document the group(s) " + String.join(", ", missing)
                    + "; the checkout is older than this format expects");
        }
    }

    /** The first number from {@code from} on that {@code tests/testDir} does not use. */
    int nextFree(String testDir, int from) throws IOException {
        Set<Integer> taken = used.get(testDir);
        if (taken == null) {
            taken = new HashSet<>();
            Path d = dir.resolve("tests").resolve(testDir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        Matcher m = TEST_NAME.matcher(p.getFileName().toString());
                        if (m.matches()) {
                            taken.add(Integer.parseInt(m.group(1)));
                        }
                    }
                }
            }
            used.put(testDir, taken);
        }
        int n = from;
        while (taken.contains(n)) {
            n++;
        }
        return n;
    }
}

package dev.daxspec.emit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A {@link TargetedSuite} taking its tests from a suite written before: the files of the
 * targeted tests, every file no test owns (the runner, {@code common/}, the README), and a
 * manifest listing only the targeted tests and the left-out entries of the targeted
 * scenarios. A test owns its path and the files beside it named after it: for
 * {@code tests/ID.sh}, {@code tests/ID.out}, {@code tests/ID.out.1},
 * {@code tests/ID.deviation.1}; for {@code tests/ext4/900}, {@code tests/ext4/900.out} and the
 * files of its manifest {@code deviation} lines.
 * Where two tests' names could own a file ({@code a} and {@code a.b} for {@code a.b.out}),
 * the longer name owns it. Bytes and executable bits are copied as they are.
 */
final class SuiteSubset implements TargetedSuite {

    private final Path dir;
    private final Suite suite;

    SuiteSubset(Path dir, Suite suite) {
        this.dir = dir;
        this.suite = suite;
    }

    @Override
    public Format format() {
        return suite.format();
    }

    @Override
    public Written write(Collection<String> scenarioIds, Path out) throws IOException {
        if (out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            throw new IOException("the targeted suite " + out + " would replace the suite it is taken from");
        }
        List<Suite.Test> tests = new ArrayList<>();
        List<String> testIds = new ArrayList<>();
        for (Suite.Test t : suite.tests()) {
            if (t.ids().stream().anyMatch(id -> scenarioIds.stream().anyMatch(s -> TargetedSuite.checks(id, s)))) {
                tests.add(t);
                testIds.addAll(t.ids());
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalArgumentException(dir + " has no test of the " + scenarioIds.size() + " scenario"
                    + (scenarioIds.size() == 1 ? "" : "s") + " (was it generated from other features?)");
        }
        List<Suite.LeftOut> leftOut = suite.leftOut().stream()
                .filter(l -> scenarioIds.stream().anyMatch(s -> TargetedSuite.checks(l.id(), s)))
                .toList();
        List<String> named = new ArrayList<>(testIds);
        leftOut.forEach(l -> named.add(l.id()));
        Suite subset = suite.subset(tests, leftOut);
        SortedMap<String, AtomicTree.Entry> files = new TreeMap<>();
        for (Map.Entry<String, Suite.Test> f : owners().entrySet()) {
            if (f.getValue() == null || tests.contains(f.getValue())) {
                Path p = dir.resolve(f.getKey());
                files.put(f.getKey(), new AtomicTree.Entry(Files.readAllBytes(p), Files.isExecutable(p)));
            }
        }
        files.put(Suite.MANIFEST, new AtomicTree.Entry(subset.manifest().getBytes(StandardCharsets.UTF_8), false));
        AtomicTree.write(files, out, Suite.MANIFEST);
        return new Written(subset, TargetedSuite.missing(scenarioIds, named));
    }

    /** Every file of the suite but its manifest, with the test that owns it (null for common files). */
    private SortedMap<String, Suite.Test> owners() throws IOException {
        SortedMap<String, Suite.Test> out = new TreeMap<>();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.filter(Files::isRegularFile).toList();
        }
        for (Path p : all) {
            String rel = dir.relativize(p).toString().replace('\\', '/');
            if (rel.equals(Suite.MANIFEST)) {
                continue;
            }
            Suite.Test owner = suite.deviations().stream()
                    .filter(d -> d.file().equals(rel))
                    .flatMap(d -> suite.tests().stream().filter(t -> t.path().equals(d.test())))
                    .findFirst()
                    .orElse(null);
            int best = owner == null ? -1 : Integer.MAX_VALUE;
            for (Suite.Test t : suite.tests()) {
                String stem = t.path().endsWith(".sh")
                        ? t.path().substring(0, t.path().length() - 3)
                        : t.path();
                if ((rel.equals(t.path()) || rel.startsWith(stem + ".")) && stem.length() > best) {
                    owner = t;
                    best = stem.length();
                }
            }
            out.put(rel, owner);
        }
        return out;
    }
}

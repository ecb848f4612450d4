package dev.daxspec.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of {@code mvn -Pmutation}, from mutations.xml files in PIT's format. */
class MutationScoresTest {

    @TempDir
    Path tmp;

    private String out;

    @Test
    void scoresCountKilledAndTimedOutMutantsAmongThoseNotListedAsEquivalent() throws IOException {
        Path f = xml(
                "features.xml",
                mutation("KILLED", true, "FileSystem", "pwrite", 10, "changed conditional boundary"),
                mutation("TIMED_OUT", true, "FileSystem", "pwrite", 11, "Replaced long addition with subtraction"),
                mutation("SURVIVED", false, "FileSystem", "pwrite", 12, "negated conditional"),
                mutation("NO_COVERAGE", false, "FileSystem", "lambda$truncate$2", 20, "removed call"));
        Path a = xml(
                "all.xml",
                mutation("KILLED", true, "FileSystem", "pwrite", 10, "changed conditional boundary"),
                mutation("TIMED_OUT", true, "FileSystem", "pwrite", 11, "Replaced long addition with subtraction"),
                mutation("KILLED", true, "FileSystem", "pwrite", 12, "negated conditional"),
                mutation("NO_COVERAGE", false, "FileSystem", "lambda$truncate$2", 20, "removed call"));
        Path eq = Files.writeString(
                tmp.resolve("eq.txt"),
                "# comment\n\n" + "dev.daxspec.oracle.fs.FileSystem.truncate:20 | removed call | only a cache\n");

        boolean met = report(f, a, eq);

        // features: 2 of 3 (the lambda's mutant is equivalent, named by its method); all: 3 of 3.
        assertThat(out)
                .contains(
                        "dev.daxspec.oracle.fs              4          1  2/3  66.7%",
                        "3/3 100.0%",
                        "BELOW GOAL (80%, 95%)",
                        "not listed as equivalent: 1",
                        "dev.daxspec.oracle.fs.FileSystem.pwrite:12 | negated conditional | SURVIVED")
                .doesNotContain("Wrong entries");
        assertThat(met).isFalse();
    }

    @Test
    void anEntryNamingNoMutantOrAKilledOneIsWrong() throws IOException {
        Path f = xml("features.xml", mutation("SURVIVED", false, "FileSystem", "pwrite", 12, "negated conditional"));
        Path a = xml("all.xml", mutation("KILLED", true, "FileSystem", "pwrite", 12, "negated conditional"));
        Path eq = Files.writeString(
                tmp.resolve("eq.txt"),
                "dev.daxspec.oracle.fs.FileSystem.pwrite:12 | negated conditional | wrong\n"
                        + "dev.daxspec.oracle.fs.FileSystem.pwrite:99 | negated conditional | moved\n");

        assertThat(report(f, a, eq)).isFalse();
        assertThat(out)
                .contains(
                        "Wrong entries in the list of equivalent mutants: 2",
                        eq + ":1: dev.daxspec.oracle.fs.FileSystem.pwrite:12 | negated conditional: a test kills it",
                        eq + ":2: dev.daxspec.oracle.fs.FileSystem.pwrite:99 | negated conditional: names no mutant");
    }

    @Test
    void theGoalIsMetOnlyWhereEveryRulePackageReachesIt() throws IOException {
        Path f = xml(
                "f.xml",
                mutation("KILLED", true, "FileSystem", "pwrite", 10, "negated conditional"),
                mutation("SURVIVED", false, "dev.daxspec.oracle.explore.Shrinker", "shrink", 5, "negated conditional"));
        Path eq = Files.writeString(tmp.resolve("eq.txt"), "");

        // explore holds no rules: its survivor is counted but does not fail the goal.
        assertThat(report(f, f, eq)).isTrue();
        assertThat(out)
                .contains("dev.daxspec.oracle.explore", "0/1   0.0%", "goal met")
                .doesNotContain("BELOW GOAL");
    }

    @Test
    void aMutantTheUnitTestsKillIsKilledByAllTestsOnlyWhereItIsTheSameMutant() throws IOException {
        Path f = xml(
                "features.xml",
                mutation("SURVIVED", false, "FileSystem", "pwrite", 12, "negated conditional"),
                mutation("NO_COVERAGE", false, "FileSystem", "pwrite", 13, "negated conditional"),
                mutation("KILLED", true, "FileSystem", "pwrite", 14, "negated conditional"));
        Path u = xml(
                "units.xml",
                mutation("KILLED", true, "FileSystem", "pwrite", 12, "negated conditional"),
                mutation("SURVIVED", false, "FileSystem", "pwrite", 13, "negated conditional"),
                mutation("SURVIVED", false, "FileSystem", "pwrite", 14, "negated conditional"),
                // The same place and change, another bytecode index: another mutant.
                mutation("KILLED", true, "FileSystem", "pwrite", 13, "negated conditional")
                        .replace("<index>7</index>", "<index>9</index>"));

        List<Mutant> all = Mutant.union(Mutant.read(f), Mutant.read(u));

        assertThat(all)
                .extracting(Mutant::line, Mutant::status, Mutant::detected)
                .containsExactly(tuple(12, "KILLED", true), tuple(13, "NO_COVERAGE", false), tuple(14, "KILLED", true));
    }

    @Test
    void aMalformedEntryIsReportedWithItsLine() throws IOException {
        Path eq = Files.writeString(tmp.resolve("eq.txt"), "# ok\ndev.daxspec.oracle.fs.FileSystem.pwrite:12 | x\n");
        assertThatThrownBy(() -> Equivalents.read(eq)).hasMessageStartingWith(eq + ":2: expected PLACE | ");
    }

    private boolean report(Path features, Path all, Path equivalents) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean met = MutationScores.report(
                Mutant.read(features),
                Mutant.read(all),
                Equivalents.read(equivalents),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        out = buf.toString(StandardCharsets.UTF_8);
        return met;
    }

    private Path xml(String name, String... mutations) throws IOException {
        return Files.writeString(
                tmp.resolve(name),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mutations>\n" + String.join("\n", List.of(mutations))
                        + "\n</mutations>\n");
    }

    /** A mutation element as PIT writes it; {@code cls} without a package is in oracle.fs. */
    private static String mutation(
            String status, boolean detected, String cls, String method, int line, String description) {
        String fqcn = cls.contains(".") ? cls : "dev.daxspec.oracle.fs." + cls;
        return "<mutation detected='" + detected + "' status='" + status + "' numberOfTestsRun='1'>"
                + "<sourceFile>" + fqcn.substring(fqcn.lastIndexOf('.') + 1) + ".java</sourceFile>"
                + "<mutatedClass>" + fqcn + "</mutatedClass><mutatedMethod>" + method + "</mutatedMethod>"
                + "<methodDescription>(J)J</methodDescription><lineNumber>" + line + "</lineNumber>"
                + "<mutator>org.pitest.mutationtest.engine.gregor.mutators.NegateConditionalsMutator</mutator>"
                + "<indexes><index>7</index></indexes><blocks><block>1</block></blocks><killingTest/>"
                + "<description>" + description + "</description></mutation>";
    }
}

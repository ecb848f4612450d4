package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.conform.TestCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The targeted suite of a series: taken from a whole suite, it is byte for byte the suite
 * generated from the targeted test cases alone, in both formats.
 */
class TargetedSuiteTest {

    /** Conformance case names stand for scenario ids: their tests are NAME@TARGET. */
    private static final List<String> SCENARIOS =
            List.of("mmap-past-eof-pwrite", "crash-write-fault-no-map-sync", "enospc-xfs-run", "no-such-scenario");

    private static List<TestCase> all;

    @TempDir
    Path tmp;

    @BeforeAll
    static void cases() throws IOException {
        all = TestCases.of(
                Cases.conformanceCases(), KnownDeviations.load(Cases.CONFORMANCE.resolve("known-deviations.json")));
    }

    private static final ScenarioTests FROM_CASES = ids -> all.stream()
            .filter(t -> ids.stream().anyMatch(s -> TargetedSuite.checks(t.id(), s)))
            .toList();

    @Test
    void aShellSubsetIsTheSuiteOfItsTestsAlone() throws IOException {
        Path whole = tmp.resolve("whole");
        SuiteWriter.write(all, Format.SHELL, whole, SuiteOptions.NONE);
        TargetedSuite.Written w = TargetedSuite.fromSuite(whole).write(SCENARIOS, tmp.resolve("subset"));
        TargetedSuite.Written g = TargetedSuite.generated(FROM_CASES, Format.SHELL, SuiteOptions.NONE)
                .write(SCENARIOS, tmp.resolve("generated"));

        assertThat(w.suite().tests())
                .extracting(Suite.Test::path)
                .containsExactly(
                        "tests/enospc-xfs-run.sh",
                        "tests/mmap-past-eof-pwrite@ext4-brd-defaults-4096.sh",
                        "tests/mmap-past-eof-pwrite@ext4-pmem-dax=always-4096.sh",
                        "tests/mmap-past-eof-pwrite@xfs-brd-defaults-4096.sh",
                        "tests/mmap-past-eof-pwrite@xfs-pmem-dax=always-4096.sh");
        assertThat(w.suite().leftOut())
                .extracting(Suite.LeftOut::id)
                .containsExactly(
                        "crash-write-fault-no-map-sync@ext4-pmem-dax=always-4096",
                        "crash-write-fault-no-map-sync@xfs-pmem-dax=always-4096");
        assertThat(w.missing()).containsExactly("no-such-scenario");
        assertThat(Trees.snapshot(tmp.resolve("subset")))
                .containsKeys(
                        "run.sh",
                        "common/daxspec.sh",
                        "common/filter.sh",
                        "README",
                        ".shellcheckrc",
                        "tests/mmap-past-eof-pwrite@ext4-brd-defaults-4096.deviation.1")
                .isEqualTo(Trees.snapshot(tmp.resolve("generated")));
        assertThat(g).isEqualTo(w);
        assertThat(Suite.read(tmp.resolve("subset"))).isEqualTo(w.suite());
    }

    @Test
    void anXfstestsSubsetKeepsItsNumbers() throws IOException {
        Path whole = tmp.resolve("whole");
        Suite suite =
                SuiteWriter.write(all, Format.XFSTESTS, whole, new SuiteOptions(OptionalInt.of(900), Optional.empty()));
        TargetedSuite.Written w =
                TargetedSuite.fromSuite(whole).write(List.of("mmap-past-eof-pwrite"), tmp.resolve("subset"));
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> wholeFiles = Trees.snapshot(whole);
        for (Suite.Test t : suite.tests()) {
            if (t.ids().stream().anyMatch(id -> id.startsWith("mmap-past-eof-pwrite@"))) {
                expected.put(t.path(), wholeFiles.get(t.path()));
                expected.put(t.path() + ".out", wholeFiles.get(t.path() + ".out"));
            }
        }
        assertThat(expected).hasSize(2 * w.suite().tests().size()).isNotEmpty();
        // Its known deviations' outputs come along, and no other test's.
        List<Suite.Deviation> deviations = suite.deviations().stream()
                .filter(d -> w.suite().tests().stream().anyMatch(t -> t.path().equals(d.test())))
                .toList();
        assertThat(deviations).isNotEmpty();
        assertThat(w.suite().deviations()).isEqualTo(deviations);
        Map<String, String> subset = Trees.snapshot(tmp.resolve("subset"));
        for (Suite.Deviation d : suite.deviations()) {
            assertThat(subset.get(d.file())).isEqualTo(deviations.contains(d) ? wholeFiles.get(d.file()) : null);
        }
        assertThat(Suite.read(tmp.resolve("subset"))).isEqualTo(w.suite());
        subset.keySet()
                .removeIf(k -> !k.startsWith("tests/")
                        || Files.isDirectory(tmp.resolve("subset").resolve(k)));
        assertThat(subset).isEqualTo(expected);
        assertThat(w.suite().format()).isEqualTo(Format.XFSTESTS);
    }

    @Test
    void nothingToTakeAndTheSourceItselfAreRefused() throws IOException {
        Path whole = tmp.resolve("whole");
        SuiteWriter.write(Cases.named("enospc-xfs-run"), Format.SHELL, whole, SuiteOptions.NONE);
        TargetedSuite from = TargetedSuite.fromSuite(whole);
        assertThatThrownBy(() -> from.write(Set.of("mmap-eof"), tmp.resolve("out")))
                .hasMessage(whole + " has no test of the 1 scenario (was it generated from other features?)");
        assertThat(tmp.resolve("out")).doesNotExist();
        assertThatThrownBy(() -> from.write(Set.of("enospc-xfs-run"), whole))
                .hasMessage("the targeted suite " + whole + " would replace the suite it is taken from");
        assertThatThrownBy(() -> TargetedSuite.fromSuite(tmp)).hasMessageContaining("is not a daxspec suite");
        assertThat(TargetedSuite.checks("mmap-eof_sigbus-23@ext4-pmem", "mmap-eof_sigbus-23"))
                .isTrue();
        assertThat(TargetedSuite.checks("mmap-eof_sigbus-23", "mmap-eof_sigbus-2"))
                .isFalse();
    }
}

package dev.daxspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.diff.UnifiedDiff;
import dev.daxspec.emit.KnownDeviation;
import dev.daxspec.emit.KnownDeviations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The oracle against transcripts recorded on the real kernel (Debian 6.1.0-56, xfsprogs
 * 6.1.0) with {@code daxspec conform --record fixtures/conformance/recorded}: every case's
 * recorded transcript must be one the oracle allows, or the recorded known deviation. No
 * VM needed, so every build checks it.
 */
class RecordedTranscriptsTest {

    static final Path ROOT = findRoot();

    static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("fixtures/conformance"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "no fixtures/conformance above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static List<ConformanceCase> cases() throws IOException {
        CaseFileParser parser = new CaseFileParser();
        try (Stream<Path> files = Files.list(ROOT.resolve("fixtures/conformance"))) {
            for (Path f :
                    files.filter(x -> x.toString().endsWith(".case")).sorted().toList()) {
                parser.parse(f);
            }
        }
        assertThat(parser.problems()).isEmpty();
        return parser.cases();
    }

    /** The kernel transcript recorded for {@code c}. */
    static String recorded(ConformanceCase c) throws IOException {
        return Files.readString(ROOT.resolve("fixtures/conformance/recorded/" + c.name() + ".out"));
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedTranscriptIsOneTheOracleAllows() throws IOException {
        KnownDeviations known = KnownDeviations.load(ROOT.resolve("fixtures/conformance/known-deviations.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (ConformanceCase c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                String recorded = recorded(c);
                List<String> expected = Conformance.expected(c);
                Optional<KnownDeviation> deviation = known.forCase(c.name());
                if (deviation.isPresent()) {
                    assertThat(recorded).isEqualTo(deviation.get().transcript());
                    assertThat(expected)
                            .as("a known deviation must differ from the specified behaviour")
                            .doesNotContain(recorded);
                } else if (!expected.contains(recorded)) {
                    throw new AssertionError("the oracle does not allow what the kernel printed:\n"
                            + UnifiedDiff.of("oracle", Conformance.closest(expected, recorded), "kernel", recorded));
                }
            }));
        }
        return tests.stream();
    }

    /** Every case has its recording, and no recording is left over from a case that is gone. */
    @Test
    void recordingsMatchTheCases() throws IOException {
        List<String> names =
                cases().stream().map(c -> c.name() + ".out").sorted().toList();
        try (Stream<Path> files = Files.list(ROOT.resolve("fixtures/conformance/recorded"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(names);
        }
    }

    /** The bundled suite covers what the real-kernel issues ask for. */
    @Test
    void thereAreAtLeast120CasesOnEveryKindOfTarget() throws IOException {
        List<ConformanceCase> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(120);
        assertThat(cases)
                .anyMatch(c -> c.name().contains("@ext4-pmem-dax=always"))
                .anyMatch(c -> c.name().contains("@xfs-pmem-dax=always"))
                .anyMatch(c -> c.name().contains("@ext4-brd-defaults"))
                .anyMatch(c -> c.name().contains("@xfs-brd-defaults"))
                .anyMatch(c -> c.name().contains("dax=inode"))
                .anyMatch(c -> c.name().endsWith("-1024"))
                .anyMatch(c -> c.name().endsWith("-2048"));
    }
}

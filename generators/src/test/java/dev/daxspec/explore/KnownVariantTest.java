package dev.daxspec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.ConformanceCase;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Transcript;
import dev.daxspec.oracle.target.Filesystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The known deviations explore recognises, against what Debian's 6.1 printed for the
 * conformance cases (fixtures/conformance/recorded): a B6 difference that random programs
 * find on ext4 there, on pmem with dax=always as on brd, is reported as the known one only
 * if the variant predicts the kernel's transcript to the byte.
 */
class KnownVariantTest {

    private static final Path ROOT = root();
    /** The release the conformance cases were recorded on. */
    private static final String RELEASE = "6.1.0-56-amd64";

    @Test
    void theEofPageVariantPrintsWhatExt4On61PrintedForEveryStorePastEofCase() throws IOException {
        KnownVariant b6 = KnownVariant.load(ROOT.resolve("fixtures/explore/known-deviations.json")).stream()
                .filter(k -> k.variant() == Bug.EOF_BLOCK_NOT_ZEROED)
                .findFirst()
                .orElseThrow();
        List<ConformanceCase> cases = cases().stream()
                .filter(c -> c.name().startsWith("mmap-past-eof-")
                        && c.program().target().fs() == Filesystem.EXT4)
                .toList();
        // truncate up, pwrite past EOF, and fsync before truncate up; pmem dax=always and brd each.
        assertThat(cases).hasSize(6);
        int deviating = 0;
        for (ConformanceCase c : cases) {
            String recorded = Files.readString(ROOT.resolve("fixtures/conformance/recorded/" + c.name() + ".out"));
            List<String> variant = ProgramRunner.outcomes(c.program(), Kernel.with(b6.variant())).stream()
                    .map(Transcript::text)
                    .toList();
            assertThat(variant).as(c.name()).containsExactly(recorded);
            List<String> correct = ProgramRunner.outcomes(c.program(), Kernel.CORRECT).stream()
                    .map(Transcript::text)
                    .toList();
            if (!correct.contains(recorded)) {
                deviating++;
                assertThat(b6.explains(RELEASE, c.program(), recorded, Kernel.CORRECT))
                        .as(c.name())
                        .isTrue();
            }
        }
        // All but fsync on brd, where writeback zeroed the page past EOF before truncate grew the file.
        assertThat(deviating).isEqualTo(5);
        ConformanceCase any = cases.get(0);
        String recorded = Files.readString(ROOT.resolve("fixtures/conformance/recorded/" + any.name() + ".out"));
        assertThat(b6.explains("6.18.4", any.program(), recorded, Kernel.CORRECT))
                .as("another release")
                .isFalse();
    }

    private static List<ConformanceCase> cases() throws IOException {
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

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("fixtures/explore"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "no fixtures/explore above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}

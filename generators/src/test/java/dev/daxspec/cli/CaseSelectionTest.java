package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.daxspec.conform.ConformanceCase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --case GLOB}: {@code *} and {@code ?} are wildcards, nothing else is (issue 15: {@code a+b} matched {@code aab}). */
class CaseSelectionTest {

    @ParameterizedTest(name = "{1} picks {0}: {2}")
    @CsvSource(
            delimiter = ' ',
            value = {
                // Regex characters stand for themselves.
                "aab a+b false",
                "a+b a+b true",
                "pwriteXunaligned pwrite.unaligned false",
                "pwrite [p]write false",
                "(x)|y (x)|y true",
                // * and ? are wildcards, and the glob is anchored.
                "mmap-past-eof-read mmap-past-eof* true",
                "mmap-pmd_faults-23 mmap-pmd_faults-?3 true",
                "mmap-pmd_faults-123 mmap-pmd_faults-?3 false",
                "io-pwrite pwrite* false",
                // A case's name picks its per-target variants, and only its own.
                "pwrite-unaligned@ext4-pmem-dax=always-4096 pwrite-unaligned true",
                "pwrite-unaligned@ext4-pmem-dax=always-4096 pwrite-*@ext4-* true",
                "pwrite-unaligned-2@ext4-pmem-dax=always-4096 pwrite-unaligned false",
                "pwrite-unaligned pwrite false",
            })
    void picks(String name, String glob, boolean picked) {
        assertEquals(picked, CaseSelection.matches(name, glob));
    }

    /**
     * {@code conform --features --case}: only the files with a scenario the globs pick are
     * compiled, so a scenario elsewhere that the oracle refuses (an undefined step) does not
     * stop it; without {@code --case} every file is compiled, and it does.
     */
    @Test
    void featuresAsCasesCompileOnlyTheFilesTheGlobsPick(@TempDir Path tmp) throws IOException {
        Path features = Files.createDirectories(tmp.resolve("features/io"));
        Files.copy(
                Path.of("..", "features", "io", "enospc_inside_eof.feature"),
                features.resolve("enospc_inside_eof.feature"));
        Files.writeString(features.resolve("undefined.feature"), """
                Feature: a step the oracle does not know
                  Scenario: undefined
                    Given ext4 on pmem mounted with dax=always
                    When the moon is full
                """);
        StringWriter err = new StringWriter();
        List<ConformanceCase> cases = CaseSelection.loadFeatures(
                List.of(features.getParent()), List.of("io-enospc_inside_eof-*"), new PrintWriter(err));
        assertThat(cases).extracting(ConformanceCase::name).containsExactly("io-enospc_inside_eof-14");
        assertThat(err.toString()).doesNotContain("undefined.feature");
        assertThatThrownBy(() -> CaseSelection.loadFeatures(
                        List.of(features.getParent()), List.of(), new PrintWriter(new StringWriter())))
                .isInstanceOf(UserError.class);
    }
}

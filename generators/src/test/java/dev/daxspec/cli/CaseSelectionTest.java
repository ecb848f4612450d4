package dev.daxspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

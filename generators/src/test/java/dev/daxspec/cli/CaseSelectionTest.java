package dev.daxspec.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --case GLOB}: {@code *} and {@code ?} are wildcards, nothing else is (issue 15: {@code a+b} matched {@code aab}). */
class CaseSelectionTest {

    @Test
    void regexCharactersStandForThemselves() {
        assertFalse(CaseSelection.matches("aab", "a+b"));
        assertTrue(CaseSelection.matches("a+b", "a+b"));
        assertFalse(CaseSelection.matches("pwriteXunaligned", "pwrite.unaligned"));
        assertFalse(CaseSelection.matches("pwrite", "[p]write"));
        assertTrue(CaseSelection.matches("(x)|y", "(x)|y"));
    }

    @Test
    void starAndQuestionMarkAreWildcards() {
        assertTrue(CaseSelection.matches("mmap-past-eof-read", "mmap-past-eof*"));
        assertTrue(CaseSelection.matches("mmap-pmd_faults-23", "mmap-pmd_faults-?3"));
        assertFalse(CaseSelection.matches("mmap-pmd_faults-123", "mmap-pmd_faults-?3"));
        assertFalse(CaseSelection.matches("io-pwrite", "pwrite*"));
    }

    @Test
    void aCaseNamePicksItsTargets() {
        assertTrue(CaseSelection.matches("pwrite-unaligned@ext4-pmem-dax=always-4096", "pwrite-unaligned"));
        assertTrue(CaseSelection.matches("pwrite-unaligned@ext4-pmem-dax=always-4096", "pwrite-*@ext4-*"));
        assertFalse(CaseSelection.matches("pwrite-unaligned-2@ext4-pmem-dax=always-4096", "pwrite-unaligned"));
        assertFalse(CaseSelection.matches("pwrite-unaligned", "pwrite"));
    }
}

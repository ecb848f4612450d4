package dev.daxspec.series.impact;

import java.util.List;
import java.util.Set;

/**
 * Scenarios as the features and the kill matrix will describe them, for the
 * impact tests. Test data: the features themselves are written elsewhere;
 * names, tags and variants here only follow DESIGN.md's behaviours B1-B11.
 */
final class SampleScenarios {

    private SampleScenarios() {}

    private static GuardedScenario s(String feature, int line, String name, List<String> tags, String... kills) {
        return new GuardedScenario(feature + ":" + line, feature, name, line, tags, Set.of(kills));
    }

    static List<GuardedScenario> all() {
        return List.of(
                // B1 (Nick Piggin, "Re: [patch] mm: fix XIP file writes", 2007)
                s(
                        "io/unaligned-write.feature",
                        7,
                        "A write at a non-page-aligned offset lands there",
                        List.of("@B1", "@touches:fs/dax.c:dax_iomap_rw"),
                        "xip-write-page-start"),
                s(
                        "io/unaligned-write.feature",
                        19,
                        "A write crossing a page boundary is contiguous",
                        List.of("@B1", "@touches:fs/dax.c:dax_iomap_iter"),
                        "xip-write-page-start"),
                // B8
                s(
                        "io/holes.feature",
                        5,
                        "Reading a hole returns zeros",
                        List.of("@B8", "@touches:fs/dax.c:dax_iomap_iter")),
                // B2 (Ross Zwisler on the iomap DAX draft, 2016)
                s(
                        "mmap/eof.feature",
                        10,
                        "A fault on the page past EOF raises SIGBUS",
                        List.of("@B2", "@touches:fs/dax.c:dax_iomap_pte_fault"),
                        "dax-fault-eof-rounding"),
                s(
                        "mmap/eof.feature",
                        22,
                        "Bytes past EOF in the last page read as zero",
                        List.of("@B2", "@touches:fs/dax.c:dax_iomap_pte_fault")),
                s(
                        "mmap/eof.feature",
                        34,
                        "A PMD fault that would cover EOF raises SIGBUS",
                        List.of("@B2", "@touches:fs/dax.c:dax_iomap_pmd_fault"),
                        "dax-fault-eof-rounding"),
                // B4
                s(
                        "mmap/pmd.feature",
                        8,
                        "A PMD fault falls back when the PMD reaches past EOF",
                        List.of(
                                "@B4",
                                "@touches:fs/dax.c:dax_fault_check_fallback",
                                "@touches:fs/dax.c:dax_iomap_pmd_fault"),
                        "dax-pmd-fallback-eof",
                        "dax-fault-eof-rounding"),
                s(
                        "mmap/pmd.feature",
                        20,
                        "A PMD read fault over a hole maps the huge zero page",
                        List.of("@B4", "@touches:fs/dax.c:dax_iomap_pmd_fault", "@touches:fs/dax.c:dax_pmd_load_hole")),
                s(
                        "mmap/pmd.feature",
                        31,
                        "A private write fault falls back to PTEs",
                        List.of("@B4", "@touches:fs/dax.c:dax_fault_check_fallback")),
                // B5 (Dave Chinner, "Re: [PATCH v3 0/3] Add XIP support to ext4", 2013)
                s(
                        "mmap/write-fault.feature",
                        6,
                        "A write fault allocates and zeroes a block",
                        List.of(
                                "@B5",
                                "@touches:fs/ext4/file.c:ext4_dax_huge_fault",
                                "@touches:fs/dax.c:dax_iomap_pte_fault"),
                        "xip-fault-no-mkwrite"),
                // B7
                s(
                        "mmap/map-sync.feature",
                        4,
                        "MAP_SYNC on a file without DAX fails",
                        List.of(
                                "@B7",
                                "@touches:include/linux/dax.h:daxdev_mapping_supported",
                                "@touches:fs/ext4/file.c:ext4_file_mmap")),
                // B3 (Nick Piggin, "Re: [patch] mm: fix XIP file writes", 2007)
                s(
                        "mount/dax-blocksize.feature",
                        6,
                        "ext4 refuses dax=always with 1k blocks",
                        List.of("@B3", "@touches:fs/ext4/super.c:__ext4_fill_super"),
                        "dax-blocksize-unchecked"),
                s(
                        "mount/dax-blocksize.feature",
                        18,
                        "xfs turns DAX off for 1k blocks",
                        List.of("@B3", "@touches:fs/xfs/xfs_super.c:xfs_setup_dax_always"),
                        "dax-blocksize-unchecked"),
                // B11 (Nick Piggin, "Re: [patch] mm: fix XIP file writes", 2007)
                s(
                        "devices/brd.feature",
                        4,
                        "brd serves the page-cache tests",
                        List.of("@B11", "@brd", "@touches:drivers/block/brd.c")));
    }
}

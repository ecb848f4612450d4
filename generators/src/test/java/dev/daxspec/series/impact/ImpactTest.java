package dev.daxspec.series.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.series.ChangeKind;
import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.FunctionBasis;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.impact.MatchReason.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImpactTest {

    static GuardedScenario scenario(String feature, int line, String name, List<String> tags, String... kills) {
        return new GuardedScenario(feature + ":" + line, feature, name, line, tags, Set.of(kills));
    }

    static SeriesCommit commit(int index, ChangedFile... files) {
        return new SeriesCommit(
                index,
                SeriesCommit.Origin.COMMIT,
                "c" + index,
                "c" + index,
                "commit " + index,
                "A <a@example.org>",
                "",
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(files));
    }

    static ChangedFile modify(String path, boolean outside, String... functions) {
        return new ChangedFile(
                path,
                path,
                ChangeKind.MODIFY,
                path.endsWith(".c") || path.endsWith(".h") ? FunctionBasis.FILE_CONTENT : FunctionBasis.NONE,
                List.of(functions),
                outside,
                List.of());
    }

    private static final List<GuardedScenario> SCENARIOS = List.of(
            scenario(
                    "mmap/eof.feature",
                    34,
                    "A PMD fault at EOF raises SIGBUS",
                    List.of("@dax", "@touches:fs/dax.c:dax_iomap_pmd_fault"),
                    "dax-fault-eof-rounding"),
            scenario(
                    "mmap/eof.feature",
                    10,
                    "A fault past EOF raises SIGBUS",
                    List.of("@touches:fs/dax.c:dax_iomap_pte_fault"),
                    "dax-fault-eof-rounding"),
            scenario(
                    "mmap/pmd.feature",
                    8,
                    "PMD faults fall back at EOF",
                    List.of("@touches:fs/dax.c:dax_fault_check_fallback", "@touches:fs/dax.c:dax_iomap_pmd_fault"),
                    "dax-pmd-fallback-eof"),
            scenario(
                    "io/unaligned.feature",
                    7,
                    "A write at an offset lands there",
                    List.of("@touches:fs/dax.c:dax_iomap_rw"),
                    "xip-write-page-start"),
            scenario(
                    "mount/dax.feature",
                    6,
                    "ext4 refuses DAX with 1k blocks",
                    List.of("@touches:fs/ext4/super.c:__ext4_fill_super")),
            scenario("mmap/ext4.feature", 5, "ext4 DAX faults", List.of("@touches:fs/ext4/")),
            scenario(
                    "devices/brd.feature",
                    4,
                    "brd serves page-cache tests",
                    List.of("@brd", "@touches:drivers/block/brd.c")),
            scenario("broken.feature", 1, "a bad tag", List.of("@touches:/abs/path.c")));

    private static ScenarioMatch match(CommitImpact c, String id) {
        return c.matches().stream()
                .filter(m -> m.scenario().id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void functionTouchesSelectTheirGuards() {
        ImpactReport r = Impact.analyse(
                List.of(commit(1, modify("fs/dax.c", false, "dax_iomap_pmd_fault"))), SCENARIOS, TouchRules.none());
        CommitImpact c = r.commits().get(0);
        assertThat(c.matches())
                .extracting(m -> m.scenario().id())
                .containsExactly("mmap/eof.feature:34", "mmap/pmd.feature:8");
        assertThat(match(c, "mmap/eof.feature:34").reasons())
                .containsExactly(new MatchReason(
                        Kind.FUNCTION, "fs/dax.c:dax_iomap_pmd_fault", "fs/dax.c:dax_iomap_pmd_fault", ""));
        assertThat(c.variants()).containsExactly("dax-fault-eof-rounding", "dax-pmd-fallback-eof");
        assertThat(c.unguarded()).isEmpty();
        assertThat(r.summary().variants()).containsExactly("dax-fault-eof-rounding", "dax-pmd-fallback-eof");
        assertThat(r.diagnostics())
                .extracting(Object::toString)
                .containsExactly(
                        "broken.feature:1: warning: scenario 'a bad tag': tag @touches:/abs/path.c ignored: "
                                + "'/abs/path.c' is not a relative repository path",
                        "call graph: info: no call graph: none given; scenarios are selected by tags and rules,"
                                + " and a touched function that selects nothing else selects the scenarios naming"
                                + " other functions of its file");
    }

    @Test
    void codeOutsideFunctionsSelectsEveryFunctionGuardOfTheFile() {
        ImpactReport r = Impact.analyse(List.of(commit(1, modify("fs/dax.c", true))), SCENARIOS, TouchRules.none());
        CommitImpact c = r.commits().get(0);
        assertThat(c.matches())
                .extracting(m -> m.scenario().id())
                .containsExactly(
                        "io/unaligned.feature:7", "mmap/eof.feature:10", "mmap/eof.feature:34", "mmap/pmd.feature:8");
        assertThat(match(c, "mmap/pmd.feature:8").reasons())
                .extracting(MatchReason::kind)
                .containsExactly(Kind.OUTSIDE_FUNCTIONS, Kind.OUTSIDE_FUNCTIONS);
        assertThat(c.unguarded()).isEmpty();
        // a comment-only change (no function, no code outside) selects none of them
        ImpactReport quiet =
                Impact.analyse(List.of(commit(1, modify("fs/dax.c", false))), SCENARIOS, TouchRules.none());
        assertThat(quiet.commits().get(0).matches()).isEmpty();
    }

    @Test
    void filesDirectoriesAndUnguardedCode() {
        ImpactReport r = Impact.analyse(
                List.of(commit(
                        1,
                        modify("fs/ext4/file.c", false, "ext4_file_mmap"),
                        modify("drivers/block/brd.c", false, "brd_insert_page"),
                        modify("fs/xfs/xfs_file.c", false, "xfs_file_mmap"),
                        modify("Documentation/filesystems/dax.rst", true))),
                SCENARIOS,
                TouchRules.none());
        CommitImpact c = r.commits().get(0);
        assertThat(match(c, "mmap/ext4.feature:5").reasons())
                .containsExactly(new MatchReason(Kind.UNDER, "fs/ext4/file.c", "fs/ext4/", ""));
        assertThat(match(c, "devices/brd.feature:4").reasons())
                .containsExactly(new MatchReason(Kind.FILE, "drivers/block/brd.c", "drivers/block/brd.c", ""));
        assertThat(c.unguarded())
                .containsExactly("fs/xfs/xfs_file.c:xfs_file_mmap", "Documentation/filesystems/dax.rst");
        assertThat(r.summary().unguarded()).isEqualTo(2);
        assertThat(match(c, "mmap/ext4.feature:5").reasons().get(0).text())
                .isEqualTo("under fs/ext4/ (fs/ext4/file.c)");
    }

    @Test
    void rulesMapHistoricalCode() throws Exception {
        TouchRules rules = TouchRules.parse("""
                # "mm: fix XIP file writes", Nick Piggin, Dec 2007 / d475c6346a38
                mm/filemap_xip.c:__xip_file_write -> fs/dax.c:dax_iomap_rw
                # DAX v12 deleted mm/filemap_xip.c
                mm/filemap_xip.c -> fs/dax.c
                # 7a862fbbdec6: brd lost DAX
                drivers/block/brd.c:brd_direct_access -> @brd
                # Nick Piggin's ext2 XIP block-size patch, Dec 2007; Debian mounts ext2 with ext4
                fs/ext2/super.c:ext2_fill_super -> fs/ext4/super.c
                """, "touches.rules");
        ImpactReport r = Impact.analyse(
                List.of(
                        commit(1, modify("mm/filemap_xip.c", false, "__xip_file_write")),
                        commit(2, modify("mm/filemap_xip.c", false, "__xip_unmap")),
                        commit(3, modify("drivers/block/brd.c", false, "brd_direct_access")),
                        commit(4, modify("fs/ext2/super.c", false, "ext2_fill_super")),
                        commit(5, modify("mm/filemap_xip.c", false))),
                SCENARIOS,
                rules);
        CommitImpact write = r.commits().get(0);
        assertThat(write.matches()).extracting(m -> m.scenario().id()).containsExactly("io/unaligned.feature:7");
        assertThat(write.matches().get(0).reasons().get(0).text())
                .isEqualTo("rule touches.rules:2: mm/filemap_xip.c:__xip_file_write counts for "
                        + "fs/dax.c:dax_iomap_rw");
        assertThat(write.variants()).containsExactly("xip-write-page-start");
        // the fallback file rule covers the functions without a rule of their own
        assertThat(r.commits().get(1).matches())
                .extracting(m -> m.scenario().id())
                .containsExactly(
                        "io/unaligned.feature:7", "mmap/eof.feature:10", "mmap/eof.feature:34", "mmap/pmd.feature:8");
        assertThat(r.commits().get(2).matches())
                .extracting(m -> m.scenario().id())
                .containsExactly("devices/brd.feature:4");
        assertThat(r.commits().get(2).matches().get(0).reasons())
                .extracting(MatchReason::kind)
                .containsExactly(Kind.FILE, Kind.RULE);
        // fs/ext4/super.c overlaps both a function in it and the directory above it
        assertThat(r.commits().get(3).matches())
                .extracting(m -> m.scenario().id())
                .containsExactly("mmap/ext4.feature:5", "mount/dax.feature:6");
        assertThat(r.commits().get(4).matches())
                .as("a comment-only change selects nothing")
                .isEmpty();
        assertThat(r.selected())
                .extracting(s -> s.scenario().id() + " " + s.commits())
                .containsExactly(
                        "devices/brd.feature:4 [3]",
                        "io/unaligned.feature:7 [1, 2]",
                        "mmap/eof.feature:10 [2]",
                        "mmap/eof.feature:34 [2]",
                        "mmap/ext4.feature:5 [4]",
                        "mmap/pmd.feature:8 [2]",
                        "mount/dax.feature:6 [4]");
    }

    @Test
    void renamesTouchBothPaths() {
        ChangedFile moved = new ChangedFile(
                "fs/ext4/file.c",
                "fs/xfs/file.c",
                ChangeKind.RENAME,
                FunctionBasis.FILE_CONTENT,
                List.of(),
                false,
                List.of());
        ImpactReport r = Impact.analyse(List.of(commit(1, moved)), SCENARIOS, TouchRules.none());
        assertThat(r.commits().get(0).matches())
                .extracting(m -> m.scenario().id())
                .containsExactly("mmap/ext4.feature:5");
        assertThat(r.summary().files()).isEqualTo(2);
    }

    @Test
    void theOrderOfTheScenariosDoesNotChangeTheReport() {
        List<SeriesCommit> commits = List.of(
                commit(1, modify("fs/dax.c", true, "dax_iomap_rw")),
                commit(2, modify("fs/ext4/super.c", false, "__ext4_fill_super")));
        List<GuardedScenario> shuffled = new ArrayList<>(SCENARIOS);
        Collections.reverse(shuffled);
        ImpactReport a = Impact.analyse(commits, SCENARIOS, TouchRules.none());
        ImpactReport b = Impact.analyse(commits, shuffled, TouchRules.none());
        assertThat(b.toText()).isEqualTo(a.toText());
        assertThat(b.toJson()).isEqualTo(a.toJson());
    }
}

package dev.daxspec.series.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.series.Series;
import dev.daxspec.series.calls.CallGraph;
import dev.daxspec.series.impact.MatchReason.Kind;
import dev.daxspec.series.review.SeriesSource;
import dev.daxspec.series.testing.Fixtures;
import dev.daxspec.series.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selection through the call graph, on the tree fixtures/series/trees/call-chain
 * committed into a real repository: a series that changes functions no tag
 * names selects the scenarios whose functions call them or are called by
 * them, says why, and selects nothing for code no tagged function reaches.
 */
class CallChainSelectionTest {

    private static final List<GuardedScenario> SCENARIOS = List.of(
            new GuardedScenario(
                    "mmap-pmd_faults-10",
                    "mmap/pmd_faults.feature",
                    "A PMD fault past EOF falls back",
                    10,
                    List.of("@touches:fs/dax.c:dax_iomap_pmd_fault"),
                    Set.of("dax-pmd-fallback-eof")),
            new GuardedScenario(
                    "mmap-write_faults-5",
                    "mmap/write_faults.feature",
                    "A write fault allocates a block",
                    5,
                    List.of("@touches:fs/ext4/file.c:ext4_dax_huge_fault"),
                    Set.of()),
            new GuardedScenario(
                    "io-holes-20",
                    "io/holes.feature",
                    "SEEK_DATA skips a hole",
                    20,
                    List.of("@touches:fs/iomap/seek.c:iomap_seek_data"),
                    Set.of()));

    @TempDir
    Path tmp;

    private TestRepo repo;

    @BeforeEach
    void series() {
        repo = TestRepo.init(tmp.resolve("linux"));
        repo.copyTree(Fixtures.series("trees/call-chain")).commit("base");
        repo.tag("base");
        repo.replace("fs/dax.c", "	return VM_FAULT_NOPAGE;\n", "	return 0;\n");
        repo.commit("dax: return 0 from dax_fault_iter");
        repo.replace("fs/iomap/seek.c", "	*data = iter->pos;\n", "	*data = iter->pos + 1;\n");
        repo.commit("iomap: SEEK_DATA one byte late");
        repo.replace("fs/ext4/readpage.c", "ext4_get_block);", "ext4_get_block_unwritten);");
        repo.commit("ext4: read pages with another get_block");
        repo.replace("fs/ext4/file.c", "SEEK_DATA)", "SEEK_DATA && offset >= 0)");
        repo.commit("ext4: check the offset before SEEK_DATA");
        repo.replace(
                "fs/dax.c",
                "xa_load(&mapping->i_pages, wbc->range_start)",
                "xa_load(&mapping->i_pages, wbc->range_end)");
        repo.commit("dax: write back from the end of the range");
    }

    private ImpactReport analyse(int maxCalls) throws Exception {
        Series s = SeriesSource.fromRange(repo.dir(), "base..HEAD");
        TouchRules rules = TouchRules.none();
        CallGraph graph =
                SeriesSource.callGraph(repo.dir(), s.base().orElseThrow(), Impact.callGraphFiles(s, SCENARIOS, rules));
        return Impact.analyse(s, SCENARIOS, rules, graph, maxCalls);
    }

    private static List<String> why(CommitImpact c) {
        return c.matches().stream()
                .map(m -> m.scenario().id() + ": "
                        + m.reasons().stream().map(MatchReason::text).toList())
                .toList();
    }

    @Test
    void anUntaggedCalleeSelectsItsTaggedCallersNearestFirst() throws Exception {
        ImpactReport r = analyse(CallGraph.DEFAULT_MAX_CALLS);
        CommitImpact faultIter = r.commits().get(0);
        assertThat(faultIter.commit().files().get(0).functions()).containsExactly("dax_fault_iter");
        assertThat(why(faultIter))
                .containsExactly(
                        "mmap-pmd_faults-10: [dax_fault_iter() is called by dax_iomap_pmd_fault()]",
                        "mmap-write_faults-5: [dax_fault_iter() is called by dax_iomap_pmd_fault(), which is"
                                + " called by dax_iomap_fault(), which is called by"
                                + " fs/ext4/file.c:ext4_dax_huge_fault()]");
        assertThat(faultIter.matches().get(0).reasons().get(0).chain())
                .containsExactly("fs/dax.c:dax_fault_iter", "fs/dax.c:dax_iomap_pmd_fault");
        assertThat(faultIter.unguarded()).isEmpty();
        assertThat(faultIter.variants()).containsExactly("dax-pmd-fallback-eof");
        assertThat(r.toText()).contains("""
                  Guarded by 2 scenarios:
                    mmap/pmd_faults.feature:10 A PMD fault past EOF falls back
                      why:   dax_fault_iter() is called by dax_iomap_pmd_fault()
                """);
        assertThat(why(r.commits().get(1)))
                .containsExactly("io-holes-20: [iomap_seek_data_iter() is called by iomap_seek_data()]");
    }

    @Test
    void anUntaggedCallerSelectsTheTaggedFunctionItCalls() throws Exception {
        CommitImpact llseek = analyse(CallGraph.DEFAULT_MAX_CALLS).commits().get(3);
        assertThat(why(llseek)).containsExactly("io-holes-20: [ext4_llseek() calls fs/iomap/seek.c:iomap_seek_data()]");
        assertThat(llseek.matches().get(0).reasons().get(0).kind()).isEqualTo(Kind.CALLS);
    }

    @Test
    void codeNoTaggedFunctionReachesSelectsNothing() throws Exception {
        ImpactReport r = analyse(CallGraph.DEFAULT_MAX_CALLS);
        CommitImpact readpages = r.commits().get(2);
        assertThat(readpages.matches()).isEmpty();
        assertThat(readpages.unguarded()).containsExactly("fs/ext4/readpage.c:ext4_mpage_readpages");
        assertThat(r.toText()).contains("""
                    M fs/ext4/readpage.c: ext4_mpage_readpages
                  Guarded by no scenario.
                  Unguarded: fs/ext4/readpage.c:ext4_mpage_readpages
                """);
    }

    @Test
    void withoutACallPathTheFileIsTheFallback() throws Exception {
        CommitImpact writeback = analyse(CallGraph.DEFAULT_MAX_CALLS).commits().get(4);
        assertThat(why(writeback))
                .containsExactly("mmap-pmd_faults-10: [fallback:"
                        + " fs/dax.c:dax_writeback_mapping_range is in the file of fs/dax.c:dax_iomap_pmd_fault]");
        assertThat(writeback.matches().get(0).rank()).isEqualTo(Integer.MAX_VALUE);
        assertThat(writeback.unguarded()).isEmpty();
    }

    @Test
    void theDepthBoundsTheChain() throws Exception {
        ImpactReport r = analyse(2);
        assertThat(why(r.commits().get(0)))
                .containsExactly("mmap-pmd_faults-10: [dax_fault_iter() is called by dax_iomap_pmd_fault()]");
        assertThat(r.diagnostics())
                .extracting(Object::toString)
                .anyMatch(d -> d.startsWith("call graph: info: 14 functions and 12 calls in 4 files of base ")
                        && d.contains("within 2 calls of a touched function is selected"));
        ImpactReport tagsOnly = analyse(0);
        assertThat(tagsOnly.commits().get(0).matches())
                .extracting(m -> m.reasons().get(0).kind())
                .containsExactly(Kind.SAME_FILE);
    }
}

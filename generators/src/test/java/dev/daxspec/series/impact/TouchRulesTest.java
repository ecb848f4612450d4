package dev.daxspec.series.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import dev.daxspec.series.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class TouchRulesTest {

    private static TouchRules real() throws SeriesException {
        return TouchRules.parse(Fixtures.root().resolve("features/touches.rules"));
    }

    @Test
    void theReviewedRulesFileParsesAndEveryRuleCitesItsSource() throws Exception {
        TouchRules rules = real();
        assertThat(rules.rules()).hasSizeGreaterThanOrEqualTo(12);
        for (TouchRule r : rules.rules()) {
            assertThat(r.comment()).as(r.where()).isNotBlank();
            assertThat(r.comment())
                    .as(r.where() + " cites a thread, commit or 6.1")
                    .containsAnyOf("2007", "2013", "6.1", "v12", "d475c6346a38", "7a862fbbdec6");
        }
        TouchRule write = rules.applicable(TouchTarget.parse("mm/filemap_xip.c:__xip_file_write"))
                .get(0);
        assertThat(write.to()).containsExactly("fs/dax.c:dax_iomap_rw", "fs/dax.c:dax_iomap_iter");
        assertThat(write.comment()).contains("\"mm: fix XIP file writes\"");
    }

    @Test
    void theMostSpecificRuleApplies() throws Exception {
        TouchRules rules = real();
        assertThat(rules.applicable(TouchTarget.parse("mm/filemap_xip.c:__xip_file_write")))
                .extracting(TouchRule::toString)
                .containsExactly("mm/filemap_xip.c:__xip_file_write -> fs/dax.c:dax_iomap_rw fs/dax.c:dax_iomap_iter");
        assertThat(rules.applicable(TouchTarget.parse("mm/filemap_xip.c:__xip_unmap")))
                .extracting(TouchRule::toString)
                .containsExactly("mm/filemap_xip.c -> fs/dax.c");
        assertThat(rules.applicable(TouchTarget.parse("mm/filemap_xip.c")))
                .extracting(TouchRule::toString)
                .containsExactly("mm/filemap_xip.c -> fs/dax.c");
        assertThat(rules.applicable(TouchTarget.parse("fs/ext2/xip.c:ext2_get_xip_mem")))
                .extracting(TouchRule::toString)
                .containsExactly("fs/ext2/xip.c -> fs/dax.c");
        assertThat(rules.applicable(TouchTarget.parse("fs/ext2/super.c:ext2_fill_super")))
                .hasSize(1);
        assertThat(rules.applicable(TouchTarget.parse("fs/ext2/super.c:ext2_remount")))
                .isEmpty();
        assertThat(rules.applicable(TouchTarget.parse("fs/dax.c:dax_iomap_rw"))).isEmpty();
    }

    @Test
    void directoryRulesRankByDepthAndTagsAreTargets() throws Exception {
        TouchRules rules = TouchRules.parse("""
                # brd XIP, Nick Piggin, Dec 2007: brd serves the page-cache tests
                drivers/block/ -> @block
                # brd XIP, Nick Piggin, Dec 2007: brd is the RAM disk
                drivers/block/brd/ -> @brd
                """, "t.rules");
        assertThat(rules.applicable(TouchTarget.parse("drivers/block/brd/x.c:f")))
                .extracting(TouchRule::to)
                .containsExactly(List.of("@brd"));
        assertThat(rules.applicable(TouchTarget.parse("drivers/block/loop.c")))
                .extracting(TouchRule::to)
                .containsExactly(List.of("@block"));
        assertThat(rules.rules().get(1).where()).isEqualTo("t.rules:4");
    }

    @Test
    void malformedRulesAreOneClearLine() {
        assertThatThrownBy(() -> TouchRules.parse("a.c -> b.c\n", "r"))
                .isInstanceOf(SeriesException.class)
                .hasMessage("r:1: rule has no comment above it citing the commit or mailing-list thread")
                .extracting(e -> ((SeriesException) e).problem())
                .isEqualTo(Problem.BAD_RULES);
        assertThatThrownBy(() -> TouchRules.parse("# c\n\na.c -> b.c\n", "r"))
                .hasMessage("r:3: rule has no comment above it citing the commit or mailing-list thread");
        assertThatThrownBy(() -> TouchRules.parse("# c\na.c -> b.c\nc.c -> d.c\n", "r"))
                .hasMessage("r:3: rule has no comment above it citing the commit or mailing-list thread");
        assertThatThrownBy(() -> TouchRules.parse("# c\na.c => b.c\n", "r"))
                .hasMessage("r:2: expected 'FROM -> TO [TO ...]'");
        assertThatThrownBy(() -> TouchRules.parse("# c\na.c -> /b.c\n", "r"))
                .hasMessage("r:2: '/b.c' is not a relative repository path");
        assertThatThrownBy(() -> TouchRules.parse("# c\na.c ->\n", "r")).hasMessage("r:2: rule maps a.c to nothing");
        assertThatThrownBy(() -> TouchRules.parse("# c\n  b.c\n", "r"))
                .hasMessage("r:2: an indented line continues no rule");
        assertThatThrownBy(() -> TouchRules.parse("# c\na.c -> @b!\n", "r")).hasMessage("r:2: '@b!' is not a tag");
    }
}

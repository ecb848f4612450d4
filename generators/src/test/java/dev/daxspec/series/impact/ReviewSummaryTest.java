package dev.daxspec.series.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.series.Series;
import dev.daxspec.series.review.SeriesSource;
import dev.daxspec.series.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The summary a reviewer pastes: at most 40 lines of at most 78 ASCII columns whatever the
 * series, with each commit, each bug caught and by which scenarios, what is unguarded, and
 * the guarding scenarios' ids; what does not fit is counted, never dropped silently.
 */
class ReviewSummaryTest {

    private static void fitsAMail(String text) {
        assertThat(text.lines().count()).as(text).isLessThanOrEqualTo(ReviewSummary.MAX_LINES);
        text.lines().forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(AsciiText.WIDTH));
        assertThat(text.chars().allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7f))
                .isTrue();
        assertThat(text).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\n\n\n");
    }

    @Test
    void seed004MailsLeadWithWhatTheyTouchAndTheIdsThatGuardThem() throws Exception {
        Series s = SeriesSource.fromMbox(Fixtures.series("seed004-xip.mbox"), Optional.empty());
        ImpactReport r = Impact.analyse(
                s,
                SampleScenarios.all(),
                TouchRules.parse(
                        java.nio.file.Files.readString(Fixtures.root().resolve("features/touches.rules")),
                        "features/touches.rules"));
        String text = r.toSummary();
        fitsAMail(text);
        assertThat(text)
                .startsWith("daxspec series: 3 commits, 4 files, 3 functions; ")
                .contains(
                        "[1/3] ext2: XIP blocksize check\n",
                        "[3/3] brd: support XIP\n",
                        "Unguarded: drivers/block/Kconfig\n");
        for (ImpactReport.Selection sel : r.selected()) {
            assertThat(text).contains(sel.scenario().id());
        }
        for (String v : r.summary().variants()) {
            assertThat(text).containsPattern("(?m)^  " + v + " +\\S");
        }
        assertThat(r.toSummary() + "\n" + r.toDetails())
                .contains(r.toText().substring(r.toText().indexOf("\nScenarios to run:") + 1));
    }

    /** Forty commits, each guarded by its own ten scenarios: the summary still fits, and counts the rest. */
    @Test
    void aLongSeriesIsCountedNotCut() {
        List<GuardedScenario> scenarios = new ArrayList<>();
        List<dev.daxspec.series.SeriesCommit> commits = new ArrayList<>();
        for (int c = 1; c <= 40; c++) {
            String function = "fn" + c;
            for (int i = 0; i < 10; i++) {
                scenarios.add(new GuardedScenario(
                        "mmap-feature_" + c + "-" + (10 + i),
                        "mmap/feature_" + c + ".feature",
                        "scenario " + i,
                        10 + i,
                        List.of("@touches:fs/dax.c:" + function),
                        i == 0 ? Set.of("variant-" + c % 11) : Set.of()));
            }
            commits.add(ImpactTest.commit(c, ImpactTest.modify("fs/dax.c", false, function)));
        }
        commits.add(ImpactTest.commit(
                41,
                ImpactTest.modify(
                        "fs/xfs/xfs_iomap.c",
                        false,
                        IntStream.range(0, 30)
                                .mapToObj(i -> "xfs_unguarded_" + i)
                                .toArray(String[]::new))));
        ImpactReport r = Impact.analyse(commits, scenarios, TouchRules.none());
        String text = r.toSummary();
        fitsAMail(text);
        assertThat(text)
                .contains(
                        "[12/41] ",
                        "... and 29 more commits (--verbose)",
                        "Unguarded: fs/xfs/xfs_iomap.c:xfs_unguarded_0 ",
                        "  variant-0   mmap-feature_11-10 ",
                        "more; --verbose lists each with why");
        String ids = text.substring(text.indexOf("take):\n") + 7, text.indexOf("  ... and"));
        long shown = ids.lines()
                .flatMap(l -> java.util.Arrays.stream(l.trim().split(" ")))
                .count();
        assertThat(shown).isGreaterThanOrEqualTo(20);
        assertThat(text).contains("... and " + (400 - shown) + " more;");
    }

    @Test
    void aSeriesNoScenarioGuardsSaysSo() {
        ImpactReport r = Impact.analyse(
                List.of(ImpactTest.commit(1, ImpactTest.modify("fs/btrfs/inode.c", false, "btrfs_write"))),
                List.of(),
                TouchRules.none());
        String text = r.toSummary();
        fitsAMail(text);
        assertThat(text)
                .contains("no scenario guards them", "-> unguarded", "Unguarded: fs/btrfs/inode.c:btrfs_write")
                .doesNotContain("Guarding scenarios");
    }
}

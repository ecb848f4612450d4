package dev.daxspec.series.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.emit.Format;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.TargetedSuite;
import dev.daxspec.series.SeriesException;
import dev.daxspec.series.impact.GuardedScenario;
import dev.daxspec.series.testing.Fixtures;
import dev.daxspec.series.testing.TestRepo;
import dev.daxspec.spec.InvalidFeatures;
import dev.daxspec.spec.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review of a range that relaxes the EOF check of dax_iomap_pmd_fault, against features
 * compiled by the one features compiler: the ids and tags it gives, each phase once, and bad
 * input found before the features run.
 */
class SeriesReviewTest {

    @TempDir
    Path tmp;

    private Path features;
    private TestRepo repo;

    /** The phases the compiler and the variant runs told of, one entry per phase begun. */
    private final List<String> phases = new ArrayList<>();

    private final Progress progress = (phase, done, total) -> {
        if (done == 1) {
            phases.add(phase);
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        features = tmp.resolve("features");
        Files.createDirectories(features.resolve("mmap"));
        Files.copy(Fixtures.root().resolve("features/touches.rules"), features.resolve("touches.rules"));
        Files.writeString(features.resolve("mmap/eof.feature"), """
                @B2 @touches:fs/dax.c:dax_iomap_pmd_fault
                Feature: faults past EOF

                  Rule: a fault past EOF raises SIGBUS

                    @seed:003
                    Scenario Outline: a PMD fault past EOF on <fs> raises SIGBUS
                      Given <fs> on pmem mounted with dax=always
                      And a file "f" of PAGE_SIZE
                      When the file is mapped shared for 4 pages
                      Then reading byte PAGE_SIZE through the mapping raises SIGBUS

                      @dax
                      Examples:
                        | fs   |
                        | ext4 |
                        | xfs  |
                """);
        repo = TestRepo.relaxedEofCheck(tmp.resolve("linux"), "dax: relax the EOF check in the PMD fault path\n");
    }

    private SeriesReview.Request request(Optional<Path> kills) {
        return new SeriesReview.Request(
                new SeriesReview.Range(repo.dir(), "v6.1-mini..HEAD"), features, Optional.empty(), kills, 3);
    }

    @Test
    void theScenariosAreTheCompilersWithItsIdsAndTheVariantsTheyKill() throws Exception {
        SeriesReview r = SeriesReview.of(request(Optional.empty()), progress);
        // compiled once, then run on the variants once
        assertThat(phases).containsExactly("compiled and run on the correct oracle", "run on the 12 variants");
        assertThat(r.guardingIds()).containsExactly("mmap-eof-16", "mmap-eof-17");
        GuardedScenario row = r.report().selected().get(0).scenario();
        assertThat(row.feature()).isEqualTo("mmap/eof.feature");
        assertThat(row.line()).isEqualTo(16);
        assertThat(row.name()).isEqualTo("a PMD fault past EOF on ext4 raises SIGBUS");
        // the feature's, the rule's, the scenario's and the Examples' tags, as the compiler gives them
        assertThat(row.tags()).containsExactly("@B2", "@dax", "@seed:003", "@touches:fs/dax.c:dax_iomap_pmd_fault");
        assertThat(row.killedVariants()).contains("dax-fault-eof-rounding");
        assertThat(r.unknownKillIds()).isEmpty();

        // the targeted tests come from the same compilation: nothing is compiled again
        phases.clear();
        TargetedSuite tests = r.targetedTests(Optional.empty(), Optional.of(Format.SHELL));
        TargetedSuite.Written w = tests.write(r.guardingIds(), tmp.resolve("suite"));
        assertThat(w.suite().tests())
                .extracting(Suite.Test::path)
                .containsExactly("tests/mmap-eof-16.sh", "tests/mmap-eof-17.sh");
        assertThat(phases).isEmpty();
    }

    @Test
    void aKillMatrixFileSparesTheVariantRunsAndItsUnknownIdsAreNamed() throws Exception {
        Path kills = tmp.resolve("kills.json");
        Files.writeString(
                kills, "{\"mmap-eof-16\": [\"read-fault-allocates\"], \"mmap-eof-17\": [], \"gone-1\": []}\n");
        SeriesReview r = SeriesReview.of(request(Optional.of(kills)), progress);
        assertThat(phases).containsExactly("compiled and run on the correct oracle");
        assertThat(r.report().selected().get(0).scenario().killedVariants()).containsExactly("read-fault-allocates");
        assertThat(r.report().selected().get(1).scenario().killedVariants()).isEmpty();
        assertThat(r.unknownKillIds()).containsExactly("gone-1");
    }

    @Test
    void aKillMatrixThatLacksScenariosOfTheFeaturesIsRefused() throws IOException {
        Path kills = tmp.resolve("kills.json");
        Files.writeString(kills, "{\"mmap-eof-16\": [\"read-fault-allocates\"]}\n");
        assertThatThrownBy(() -> SeriesReview.of(request(Optional.of(kills)), progress))
                .isInstanceOf(SeriesException.class)
                .hasMessageContaining("kills.json lacks 1 of the 2 scenarios of ")
                .hasMessageContaining("(first: mmap-eof-17), so it would say they kill nothing");
    }

    @Test
    void badInputIsFoundBeforeTheFeaturesRun() throws IOException {
        Files.writeString(features.resolve("mmap/undefined.feature"), """
                Feature: the oracle refuses this
                  Scenario: a step no definition matches
                    Given ext4 on pmem mounted with dax=always
                    Then the moon is made of cheese
                """);
        assertThatThrownBy(() -> SeriesReview.of(
                        new SeriesReview.Request(
                                new SeriesReview.Range(repo.dir(), "v9..HEAD"),
                                features,
                                Optional.empty(),
                                Optional.empty(),
                                3),
                        progress))
                .isInstanceOf(SeriesException.class)
                .hasMessageStartingWith("unknown revision 'v9'");
        assertThat(phases).isEmpty();
        assertThatThrownBy(() -> SeriesReview.of(request(Optional.empty()), progress))
                .isInstanceOfSatisfying(
                        InvalidFeatures.class,
                        e -> assertThat(e.errors())
                                .singleElement()
                                .asString()
                                .startsWith(features.resolve("mmap/undefined.feature") + ":4: "));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> SeriesReview.of(
                        new SeriesReview.Request(
                                new SeriesReview.Range(repo.dir(), "v6.1-mini..HEAD"),
                                empty,
                                Optional.of(features.resolve("touches.rules")),
                                Optional.empty(),
                                3),
                        progress))
                .hasMessage(empty + " has no scenarios (give the features directory with --features DIR)");
    }
}

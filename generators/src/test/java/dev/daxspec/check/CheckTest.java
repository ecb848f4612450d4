package dev.daxspec.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.series.impact.KillMatrix;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.InvalidFeatures;
import dev.daxspec.spec.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daxspec check} on the bundled features (every scenario passes on the correct
 * oracle, every historical-bug variant is killed by a scenario of its own seed thread) and
 * on bad input (each problem is one {@code file:line: message}, and nothing is checked).
 */
class CheckTest {

    static CheckResult bundled;

    @TempDir
    Path tmp;

    @BeforeAll
    static void checkBundledFeatures() throws InvalidFeatures {
        bundled = Check.run(List.of(Path.of("../features")), Optional.empty(), List.of(), Progress.NONE);
    }

    @Test
    void everyBundledScenarioPassesOnTheCorrectOracle() {
        assertThat(bundled.scenarios()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(bundled.scenarios().stream()
                        .filter(v -> !v.passes())
                        .map(v -> v.scenario().location()))
                .isEmpty();
        assertThat(bundled.exitStatus()).isZero();
    }

    @Test
    void everyVariantIsKilledByAScenarioFromItsOwnSeedThread() {
        assertThat(bundled.survivors()).isEmpty();
        for (Bug bug : Bug.values()) {
            // A variant that breaks every mount is killed everywhere; it must also be
            // killed where its rule is stated.
            assertThat(bundled.killers(bug).stream()
                            .map(ScenarioResult::scenario)
                            .filter(s -> s.tags().contains("@seed:" + bug.seed())))
                    .as(bug.id() + " killed by a scenario tagged @seed:" + bug.seed())
                    .isNotEmpty();
        }
    }

    @Test
    void theBundledFeaturesJudgeEveryVariantAndEachIsKilledWhereItsRuleIsStated() {
        assertThat(bundled.judged()).containsExactly(Bug.values());
        assertThat(bundled.leftOut()).isEmpty();
        for (Bug bug : Bug.values()) {
            assertThat(bundled.killers(bug).stream()
                            .map(ScenarioResult::scenario)
                            .filter(s -> s.tags().contains("@" + bug.rule())))
                    .as(bug.id() + " killed by a scenario tagged @" + bug.rule())
                    .isNotEmpty();
        }
        assertThat(CheckReport.text(bundled, false)).doesNotContain("not judged", "Not judged");
    }

    @Test
    void aCheckOfOneThreadJudgesOnlyTheVariantsOfItsRulesAndNamesTheOthers() throws InvalidFeatures {
        CheckResult r = Check.run(List.of(Path.of("../features")), Optional.of("@seed:002"), List.of(), Progress.NONE);
        assertThat(r.rules()).containsExactly("B2", "B4", "B8");
        assertThat(r.judged()).containsExactly(Bug.DAX_FAULT_EOF_ROUNDING, Bug.PMD_HOLE_SIZE_UNKNOWN);
        assertThat(r.leftOut()).hasSize(Bug.values().length - 2).doesNotContainAnyElementsOf(r.judged());
        assertThat(r.survivors()).isEmpty();
        assertThat(r.exitStatus()).isZero();
        String text = CheckReport.text(r, false);
        assertThat(text)
                .contains(
                        "2 of 2 variants killed (those of rules B2, B4, B8)",
                        "Not judged, as no scenario checked states their rule: xip-write-ignores-page-offset (B1),",
                        "short-write-extends-size (B9)",
                        "eof-block-not-zeroed (B6, @seed:000): not judged")
                .doesNotContain("SURVIVES");
        Path xml = tmp.resolve("check.xml");
        try {
            CheckJUnit.write(r, xml);
            String junit = Files.readString(xml);
            assertThat(junit)
                    .contains("not judged: no scenario checked states its rule B6")
                    .doesNotContain("<failure");
            // Left out and killed by no scenario here: skipped, not failed (a variant of
            // another rule that these scenarios happen to kill passes).
            long unkilled =
                    r.leftOut().stream().filter(b -> r.killers(b).isEmpty()).count();
            assertThat(unkilled).isPositive();
            assertThat(junit.split("<skipped", -1)).hasSize((int) unkilled + 1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aVariantOfAStatedRuleThatNoScenarioCheckedKillsStillSurvives() throws InvalidFeatures {
        // enospc.feature states B9 but only the last scenario of max_file_size.feature kills
        // ext4-maxbytes-one-block-too-big: checked alone, the feature lets it survive.
        CheckResult r = Check.run(
                List.of(Path.of("../features/io/enospc.feature")), Optional.empty(), List.of(), Progress.NONE);
        assertThat(r.judged())
                .containsExactlyInAnyOrder(Bug.SHORT_WRITE_EXTENDS_SIZE, Bug.EXT4_MAXBYTES_ONE_BLOCK_TOO_BIG);
        assertThat(r.survivors()).containsExactly(Bug.EXT4_MAXBYTES_ONE_BLOCK_TOO_BIG);
        assertThat(r.exitStatus()).isEqualTo(1);
        assertThat(CheckReport.text(r, false))
                .contains(
                        "ext4-maxbytes-one-block-too-big (B9, @seed:003, f17722f917b2): SURVIVES",
                        "surviving: ext4-maxbytes-one-block-too-big");
    }

    @Test
    void theKillMatrixFileRoundTripsThroughWhatSeriesReads() throws Exception {
        Path file = tmp.resolve("kills.json");
        KillMatrix.write(bundled.killMatrix(), file);
        var read = KillMatrix.read(file);
        assertThat(read).hasSize(bundled.scenarios().size());
        for (ScenarioResult v : bundled.scenarios()) {
            assertThat(read.get(v.scenario().id()))
                    .as(v.scenario().id())
                    .containsExactlyInAnyOrderElementsOf(
                            v.kills().stream().map(Bug::id).toList());
        }
        // The same check writes the same bytes.
        Path again = tmp.resolve("again.json");
        KillMatrix.write(bundled.killMatrix(), again);
        assertThat(Files.readString(again)).isEqualTo(Files.readString(file));
    }

    @Test
    void everyBehaviourHasAFeatureAndEveryScenarioNamesItsSeedAndTheCodeItTouches() {
        Set<String> behaviours = new TreeSet<>();
        for (ScenarioResult v : bundled.scenarios()) {
            CompiledScenario s = v.scenario();
            assertThat(s.tagValues("seed")).as(s.location() + " @seed").isNotEmpty();
            assertThat(s.tagValues("touches")).as(s.location() + " @touches").isNotEmpty();
            assertThat(s.about()).as(s.location() + " opens with its rule").isNotEmpty();
            s.tags().stream().filter(t -> t.matches("@B\\d+")).forEach(behaviours::add);
        }
        assertThat(behaviours)
                .containsExactlyInAnyOrder(
                        "@B1", "@B2", "@B3", "@B4", "@B5", "@B6", "@B7", "@B8", "@B9", "@B10", "@B11");
    }

    @Test
    void scenarioIdsAreTheFeaturePathAndLine() {
        List<String> ids =
                bundled.scenarios().stream().map(v -> v.scenario().id()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        CompiledScenario first = bundled.scenarios().stream()
                .map(ScenarioResult::scenario)
                .filter(s -> s.feature().equals("mmap/eof_sigbus.feature"))
                .findFirst()
                .orElseThrow();
        assertThat(first.id()).isEqualTo("mmap-eof_sigbus-" + first.line());
    }

    @Test
    void aScenarioFailingOnTheCorrectOracleFailsTheCheckAndKillsNothing() throws Exception {
        Path f = write(
                "wrong.feature",
                "@B1\nFeature: wrong\n  Scenario: a wrong claim\n"
                        + "    Given ext4 on pmem mounted with dax=always\n"
                        + "    And a file \"f\" of 1100 bytes\n"
                        + "    Then byte 0 reads as 0x62\n");
        CheckResult r = Check.run(List.of(f), Optional.empty(), List.of(), Progress.NONE);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.survivors()).containsExactly(Bug.XIP_WRITE_IGNORES_PAGE_OFFSET);
        assertThat(r.exitStatus()).isEqualTo(1);
        assertThat(CheckReport.text(r, false))
                .contains("FAIL  a wrong claim", "0 passed, 1 failed", "0 of 1 variants killed (those of rules B1)");
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLine() throws IOException {
        Path f = write("syntax.feature", "Feature: x\n  Scenario: y\n    Given ext4 on pmem\n  Scenerio: z\n");
        assertThat(errors(f)).singleElement().asString().startsWith(f + ":4: ");
    }

    @Test
    void anUndefinedStepIsReportedWithItsLine() throws IOException {
        Path f = write(
                "undefined.feature",
                "Feature: x\n  Scenario: y\n    Given ext4 on pmem mounted with dax=always\n"
                        + "    When the file is frobnicated\n");
        assertThat(errors(f))
                .singleElement()
                .asString()
                .startsWith(f + ":4: no step definition matches 'When the file is frobnicated'");
    }

    @Test
    void aNumberOutOfRangeIsReportedWithItsLine() throws IOException {
        Path f = write(
                "range.feature",
                "Feature: x\n  Scenario: y\n    Given ext4 on pmem mounted with dax=always\n"
                        + "    And a file \"f\" of 1100 bytes\n    Then byte 99999999999999999999999 reads as zeros\n");
        assertThat(errors(f)).singleElement().asString().startsWith(f + ":5: ").contains("too large");
    }

    @Test
    void aTargetTheOracleCannotMountIsReportedWithItsLine() throws IOException {
        Path f = write(
                "small.feature",
                "Feature: x\n  Scenario: y\n    Given xfs on pmem mounted with dax=always\n"
                        + "    And the device holds 1MiB\n    And a file \"f\" of 1100 bytes\n");
        assertThat(errors(f)).singleElement().asString().startsWith(f + ":4: ").contains("300 MiB");
    }

    @Test
    void everyBadFileIsReportedBeforeAnythingIsChecked() throws IOException {
        Path good = write(
                "good.feature",
                "Feature: x\n  Scenario: y\n    Given ext4 on pmem mounted with dax=always\n"
                        + "    And a file \"f\" of 1100 bytes\n    Then byte 0 reads as 0x61\n");
        Path bad = write(
                "undefined.feature",
                "Feature: x\n  Scenario: y\n"
                        + "    Given ext4 on pmem mounted with dax=always\n    When the file is frobnicated\n");
        assertThat(errors(good, bad)).singleElement().asString().startsWith(bad + ":4: ");
    }

    @Test
    void aTagExpressionSelectingNothingIsAnError() {
        InvalidFeatures e = catchThrowableOfType(
                InvalidFeatures.class,
                () -> Check.run(List.of(Path.of("../features")), Optional.of("@seed:999"), List.of(), Progress.NONE));
        assertThat(e.errors()).containsExactly("no scenario matches --tags @seed:999");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static List<String> errors(Path... files) {
        InvalidFeatures e = catchThrowableOfType(
                InvalidFeatures.class, () -> Check.run(List.of(files), Optional.empty(), List.of(), Progress.NONE));
        assertThat(e).as("InvalidFeatures").isNotNull();
        return e.errors();
    }
}

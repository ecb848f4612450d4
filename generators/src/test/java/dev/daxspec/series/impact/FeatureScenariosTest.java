package dev.daxspec.series.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.series.SeriesException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios read from feature files: ids, lines, inherited tags, outline rows, kills, errors. */
class FeatureScenariosTest {

    @TempDir
    Path tmp;

    private static final String EOF_FEATURE = """
            @seed:002 @B2
            @touches:fs/dax.c:dax_iomap_pte_fault
            Feature: Past EOF

              Scenario Outline: a file of <size> on <fs>
                Given <fs> on pmem mounted with dax=always
                Then nothing

                @dax
                Examples: DAX
                  | fs   | size |
                  | ext4 | 1    |
                  | xfs  | 2    |

              @touches:fs/dax.c:dax_iomap_pmd_fault
              Scenario: the bytes past EOF read as zeros
                Given ext4 on pmem mounted with dax=always

              Rule: a rule

                @seed:002
                Scenario: in a rule
                  Given ext4 on pmem mounted with dax=always
            """;

    @Test
    void oneScenarioPerPickleWithTheGeneratorsIdAndInheritedTags() throws Exception {
        write("mmap/eof sigbus.feature", EOF_FEATURE);
        write("io/a.feature", "Feature: A\n  Scenario: s\n    Given x\n");
        write("notes.txt", "not a feature\n");
        List<GuardedScenario> all = FeatureScenarios.read(tmp,
                Map.of("mmap-eof_sigbus-12", Set.of("dax-fault-eof-rounding"), "elsewhere-1", Set.of("x")));
        assertThat(all).extracting(GuardedScenario::id).containsExactly(
                "io-a-2", "mmap-eof_sigbus-12", "mmap-eof_sigbus-13", "mmap-eof_sigbus-16", "mmap-eof_sigbus-22");
        GuardedScenario row = all.get(1);
        assertThat(row.feature()).isEqualTo("mmap/eof sigbus.feature");
        assertThat(row.line()).isEqualTo(12);
        assertThat(row.name()).isEqualTo("a file of 1 on ext4");
        assertThat(row.tags()).containsExactly("@seed:002", "@B2", "@touches:fs/dax.c:dax_iomap_pte_fault", "@dax");
        assertThat(row.killedVariants()).containsExactly("dax-fault-eof-rounding");
        assertThat(all.get(2).killedVariants()).isEmpty();
        assertThat(all.get(3).tags()).containsExactly("@seed:002", "@B2", "@touches:fs/dax.c:dax_iomap_pte_fault",
                "@touches:fs/dax.c:dax_iomap_pmd_fault");
        assertThat(all.get(4).tags()).containsExactly("@seed:002", "@B2", "@touches:fs/dax.c:dax_iomap_pte_fault");
        assertThat(FeatureScenarios.id("mmap/eof_sigbus.feature", 23)).isEqualTo("mmap-eof_sigbus-23");
    }

    @Test
    void everySyntaxErrorIsFileLineMessage() throws IOException {
        write("a.feature", "Feature: A\n  Scenario: s\n    Given x\n  Oops\n");
        write("b/c.feature", "# a comment\n\nFeature C\n");
        assertThatThrownBy(() -> FeatureScenarios.read(tmp, Map.of()))
                .isInstanceOfSatisfying(FeatureSyntaxException.class, e -> assertThat(e.errors()).containsExactly(
                        tmp.resolve("a.feature") + ":4: expected: #EOF, #TableRow, #DocStringSeparator, #StepLine,"
                                + " #TagLine, #ExamplesLine, #ScenarioLine, #RuleLine, #Comment, #Empty, got 'Oops'",
                        tmp.resolve("b/c.feature") + ":3: expected: #EOF, #Language, #TagLine, #FeatureLine,"
                                + " #Comment, #Empty, got 'Feature C'"))
                .hasMessageEndingWith("(and 1 more)");
        assertThatThrownBy(() -> FeatureScenarios.read(tmp.resolve("none"), Map.of()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(tmp.resolve("none") + ": not a features directory");
    }

    @Test
    void theKillMatrixIsReadAndCheckedAgainstTheOraclesVariants() throws Exception {
        Path f = tmp.resolve("kills.json");
        Files.writeString(f, "{\"b-1\": [\"read-fault-allocates\", \"dax-fault-eof-rounding\"], \"a-2\": []}\n");
        assertThat(KillMatrix.read(f)).hasToString("{a-2=[], b-1=[dax-fault-eof-rounding, read-fault-allocates]}");
        assertThat(KillMatrix.unknownIds(KillMatrix.read(f),
                List.of(new GuardedScenario("a-2", "a.feature", "s", 2, List.of(), Set.of())))).containsExactly("b-1");
        Files.writeString(f, "{\"b-1\": [\"no-such-bug\"]}");
        assertThatThrownBy(() -> KillMatrix.read(f)).isInstanceOf(SeriesException.class)
                .hasMessageStartingWith(f + ": scenario b-1: unknown kernel variant 'no-such-bug' (known: ");
        Files.writeString(f, "[\"b-1\"]");
        assertThatThrownBy(() -> KillMatrix.read(f)).hasMessage(f + ": a kill matrix is a JSON object"
                + " {\"scenario-id\": [\"variant\", ...]}");
        Files.writeString(f, "{\"b-1\": \"read-fault-allocates\"}");
        assertThatThrownBy(() -> KillMatrix.read(f))
                .hasMessage(f + ": scenario b-1: the value must be a list of variant names");
        Files.writeString(f, "{\n\"b-1\": [\n");
        assertThatThrownBy(() -> KillMatrix.read(f)).hasMessageStartingWith(f + ":3: not JSON: ");
        assertThatThrownBy(() -> KillMatrix.read(tmp.resolve("missing.json")))
                .hasMessageStartingWith("cannot read the kill matrix " + tmp.resolve("missing.json"));
    }

    private void write(String path, String text) throws IOException {
        Path p = tmp.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}

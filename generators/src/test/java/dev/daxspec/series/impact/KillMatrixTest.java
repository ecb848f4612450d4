package dev.daxspec.series.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.series.SeriesException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill matrix file: read, checked against the oracle's variants, and its ids the features lack. */
class KillMatrixTest {

    @TempDir
    Path tmp;

    @Test
    void theKillMatrixIsReadAndCheckedAgainstTheOraclesVariants() throws Exception {
        Path f = tmp.resolve("kills.json");
        Files.writeString(f, "{\"b-1\": [\"read-fault-allocates\", \"dax-fault-eof-rounding\"], \"a-2\": []}\n");
        assertThat(KillMatrix.read(f)).hasToString("{a-2=[], b-1=[dax-fault-eof-rounding, read-fault-allocates]}");
        assertThat(KillMatrix.unknownIds(
                        KillMatrix.read(f),
                        List.of(new GuardedScenario("a-2", "a.feature", "s", 2, List.of(), Set.of()))))
                .containsExactly("b-1");
        assertThat(KillMatrix.missingIds(KillMatrix.read(f), List.of("a-2", "c-3", "b-1")))
                .containsExactly("c-3");
        Files.writeString(f, "{\"b-1\": [\"no-such-bug\"]}");
        assertThatThrownBy(() -> KillMatrix.read(f))
                .isInstanceOf(SeriesException.class)
                .hasMessageStartingWith(f + ": scenario b-1: unknown kernel variant 'no-such-bug' (known: ");
        Files.writeString(f, "[\"b-1\"]");
        assertThatThrownBy(() -> KillMatrix.read(f))
                .hasMessage(f + ": a kill matrix is a JSON object" + " {\"scenario-id\": [\"variant\", ...]}");
        Files.writeString(f, "{\"b-1\": \"read-fault-allocates\"}");
        assertThatThrownBy(() -> KillMatrix.read(f))
                .hasMessage(f + ": scenario b-1: the value must be a list of variant names");
        Files.writeString(f, "{\n\"b-1\": [\n");
        assertThatThrownBy(() -> KillMatrix.read(f)).hasMessageStartingWith(f + ":3: not JSON: ");
        assertThatThrownBy(() -> KillMatrix.read(tmp.resolve("missing.json")))
                .hasMessageStartingWith("cannot read the kill matrix " + tmp.resolve("missing.json"));
    }
}

package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Transcript;
import dev.daxspec.oracle.target.DeviceKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A suite's test cases give their own transcripts; another program is the oracle's. */
class CorrectTranscriptsTest {

    private static final TestCase BRD =
            Cases.named("pwrite-unaligned@ext4-brd-defaults-4096").get(0);

    /** The program of {@code tc} on pmem. */
    private static Program onPmem(TestCase tc) {
        return new Program(
                tc.program().target().toBuilder().device(DeviceKind.PMEM).build(),
                tc.program().steps());
    }

    private static TestCase withExpected(TestCase tc, String id, Program program, String expected) {
        return new TestCase(
                id, tc.title(), tc.about(), tc.tags(), program, List.of(expected), tc.fixedByCommit(), List.of());
    }

    @Test
    void aTestCasesProgramHasItsExpectedTranscriptsTheOracleDoesNotRunAgain() {
        TestCase recorded = withExpected(BRD, BRD.id(), BRD.program(), "as compiled\n");
        assertThat(CorrectTranscripts.of(List.of(recorded)).of(BRD.program())).contains(List.of("as compiled\n"));
    }

    @Test
    void anotherProgramIsTheOraclesForTheCorrectKernel() {
        Program pmem = onPmem(BRD);
        assertThat(CorrectTranscripts.of(List.of(BRD)).of(pmem))
                .contains(ProgramRunner.outcomes(pmem, Kernel.CORRECT).stream()
                        .map(Transcript::text)
                        .toList());
    }

    @Test
    void theDeviceNeedComparesWithTheTwinTestOfTheSuiteWhenThereIsOne() {
        // Alone, the oracle prints the same on pmem: any device does.
        assertThat(Requirements.of(BRD, Transcripts::deviceNeutral, CorrectTranscripts.of(List.of(BRD)))
                        .device())
                .isEqualTo(Requirements.DeviceNeed.ANY);
        // Beside a test of the same steps on pmem, that test's transcript is the one compared.
        TestCase twin = withExpected(BRD, "twin", onPmem(BRD), "wrote something else\n");
        assertThat(Requirements.of(BRD, Transcripts::deviceNeutral, CorrectTranscripts.of(List.of(BRD, twin)))
                        .device())
                .isEqualTo(Requirements.DeviceNeed.NO_DAX);
        assertThat(Optional.of(twin.expected()))
                .isEqualTo(CorrectTranscripts.of(List.of(twin)).of(twin.program()));
    }
}

package dev.daxspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.emit.SharedFilesystem;
import dev.daxspec.oracle.program.XfsIoStep;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which conformance cases conform runs beside others on one filesystem: those that may share
 * and print no inode number, so that what they print there is exactly what they print alone;
 * the kernel transcripts recorded for the bundled cases have no inode number for any of them.
 */
class SharedCasesTest {

    @Test
    void aCaseThatPrintsInodeNumbersRunsAlone() throws IOException {
        List<ConformanceCase> cases = RecordedTranscriptsTest.cases();
        int shared = 0;
        for (ConformanceCase c : cases) {
            boolean stat = c.program().steps().stream()
                    .anyMatch(s -> s instanceof XfsIoStep x
                            && x.invocation().ops().stream()
                                    .anyMatch(o -> o.toString().startsWith("stat")));
            assertThat(Conformance.sharesExactly(c.program()))
                    .as(c.name())
                    .isEqualTo(SharedFilesystem.shareable(c.program()) && !stat);
            if (Conformance.sharesExactly(c.program())) {
                shared++;
                assertThat(RecordedTranscriptsTest.recorded(c)).as(c.name()).doesNotContain("stat.ino");
            }
        }
        assertThat(shared).isGreaterThan(cases.size() / 4).isLessThan(cases.size());
    }
}

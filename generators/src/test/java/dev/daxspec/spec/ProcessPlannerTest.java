package dev.daxspec.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.program.XfsIoStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@link ProcessPlanner} puts a punch or truncate that follows stores through a
 * private mapping: in the same daxspec-probe run, so that it acts under the mapping and
 * its private copies; a shared mapping's commands keep to xfs_io. And which run a fault
 * claim traces: the one just before it, a raw xfs_io run too.
 */
class ProcessPlannerTest {

    @TempDir
    Path tmp;

    @Test
    void aTruncateAfterAPrivateStoreRunsInTheProbeUnderTheMapping() throws Exception {
        assertThat(runs("""
                    When the file is mapped private for 4 pages
                    And 0x63 is stored at byte 8192 through the mapping
                    And the file is truncated to 5000
                    Then reading byte 8192 through the mapping raises SIGBUS
                """))
                .containsExactly(
                        "xfs_io -f -c \"pwrite -S 0x61 0 16384\" -c \"fsync\" $SCRATCH_MNT/f",
                        "daxspec-probe -c \"mmap -p 0 16384\" -c \"mwrite -S 0x63 8192 1\" -c \"truncate 5000\""
                                + " -c \"mread 8192 1\" $SCRATCH_MNT/f");
    }

    @Test
    void aPunchAfterAPrivateStoreRunsInTheProbeAndAReadAfterItInXfsIo() throws Exception {
        assertThat(runs("""
                    When the file is mapped private for 4 pages
                    And 0x63 is stored at byte 4096 through the mapping
                    And a hole is punched over 4096..8191
                    Then byte 4096 reads as zeros through read()
                """))
                .containsExactly(
                        "xfs_io -f -c \"pwrite -S 0x61 0 16384\" -c \"fsync\" $SCRATCH_MNT/f",
                        "daxspec-probe -c \"mmap -p 0 16384\" -c \"mwrite -S 0x63 4096 1\" -c \"fpunch 4096 4096\" $SCRATCH_MNT/f",
                        "xfs_io -c \"pread -v 4096 1\" $SCRATCH_MNT/f");
    }

    @Test
    void aTruncateWithNoPrivateRunOpenRunsInXfsIo() throws Exception {
        assertThat(runs("""
                    When the file is truncated to 5000
                    Then the file size is 5000 bytes
                """))
                .containsExactly(
                        "xfs_io -f -c \"pwrite -S 0x61 0 16384\" -c \"fsync\" -c \"truncate 5000\" -c \"stat\" $SCRATCH_MNT/f");
    }

    @Test
    void faultsClaimedAfterARawRunAreTheRawRunsNotTheRunBeforeIt() throws Exception {
        assertThat(steps("""
                    When xfs_io runs on "f":
                      \"\"\"
                      mmap -r 0 16384
                      mread 0 1
                      \"\"\"
                    Then the faults are traced as:
                      \"\"\"
                      dax_pte_fault_done NOPAGE 1
                      \"\"\"
                """))
                .containsExactly(
                        "xfs_io -f -c \"pwrite -S 0x61 0 16384\" -c \"fsync\" SCRATCH_MNT/f",
                        "daxspec_trace xfs_io -c \"mmap -r 0 16384\" -c \"mread 0 1\" SCRATCH_MNT/f");
    }

    /** The xfs_io and daxspec-probe runs of a one-scenario feature on a file "f" of 4 pages. */
    private List<String> runs(String steps) throws IOException, InvalidFeatures {
        return xfsIoSteps(steps).stream().map(st -> st.invocation().toString()).toList();
    }

    /** The same runs as their steps print them: {@code daxspec_trace} before a traced one. */
    private List<String> steps(String steps) throws IOException, InvalidFeatures {
        return xfsIoSteps(steps).stream().map(XfsIoStep::toString).toList();
    }

    private List<XfsIoStep> xfsIoSteps(String steps) throws IOException, InvalidFeatures {
        Path f = tmp.resolve("plan.feature");
        Files.writeString(
                f,
                "Feature: plan\n  Scenario: plan\n    Given ext4 on pmem mounted with dax=always\n"
                        + "    And a file \"f\" of 4 pages\n" + steps);
        CompiledScenario s = Features.compile(List.of(f), Optional.empty(), List.of(), Progress.NONE)
                .keySet()
                .iterator()
                .next();
        return s.program().steps().stream()
                .filter(XfsIoStep.class::isInstance)
                .map(XfsIoStep.class::cast)
                .toList();
    }
}

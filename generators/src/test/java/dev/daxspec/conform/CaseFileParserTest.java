package dev.daxspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.XfsIoStep;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseFileParserTest {

    @TempDir
    Path dir;

    private CaseFileParser parse(String text) throws Exception {
        Path f = dir.resolve("t.case");
        Files.writeString(f, text);
        CaseFileParser p = new CaseFileParser();
        p.parse(f);
        return p;
    }

    @Test
    void aCaseWithSeveralTargetsBecomesOneCasePerTarget() throws Exception {
        CaseFileParser p = parse("""
                # comment
                case c1
                about: why
                target: ext4 pmem dax=always block=4096
                target: xfs brd defaults block=1024 size=512MiB
                xfs_io -f -c "pwrite -S 0x61 0 4k" -c 'pread -v 0 16' f
                fill 8
                trace xfs_io -c "mmap 0 4k" -c "mread 0 1" f
                crash
                daxspec-probe -c "mmap -p 0 4k" -c "mwrite 0 1" f
                """);
        assertThat(p.problems()).isEmpty();
        assertThat(p.cases())
                .extracting(ConformanceCase::name)
                .containsExactly("c1@ext4-pmem-dax=always-4096", "c1@xfs-brd-defaults-1024");
        var steps = p.cases().get(0).program().steps();
        assertThat(steps).hasSize(5);
        assertThat(steps.get(0))
                .hasToString("xfs_io -f -c \"pwrite -S 0x61 0 4096\" -c \"pread -v 0 16\" SCRATCH_MNT/f");
        assertThat(steps.get(1)).isEqualTo(new FillStep(8));
        assertThat(((XfsIoStep) steps.get(2)).traced()).isTrue();
        assertThat(steps.get(3)).isInstanceOf(CrashStep.class);
        assertThat(((XfsIoStep) steps.get(4)).invocation().probe()).isTrue();
    }

    @Test
    void everyProblemIsReportedWithItsFileAndLine() throws Exception {
        CaseFileParser p = parse("""
                stray line
                case bad name!
                about: x
                target: ext4 nvme dax
                xfs_io -c "frob 0 1" f
                case c2
                target: xfs pmem dax=always
                xfs_io -c "pwrite x 1" f
                daxspec-probe -c "pwrite 0 1" f
                case c3
                about: no target
                """);
        String f = dir.resolve("t.case").toString();
        assertThat(p.problems())
                .containsExactly(
                        f + ":1: expected 'case NAME' before this line",
                        f + ":2: case name 'bad name!' must be letters, digits, '.', '_' or '-'",
                        f + ":4: unknown filesystem 'nvme' (known: ext4, xfs, ext2)",
                        f + ":2: case bad name! has no target: line",
                        f + ":6: case c2 has no about: line saying what it checks",
                        f + ":8: pwrite: non-numeric offset argument -- x",
                        f + ":9: daxspec-probe runs only mmap, mread, mwrite, msync, munmap, fpunch and truncate, not"
                                + " 'pwrite 0 1'",
                        f + ":10: case c3 has no target: line");
        assertThat(p.cases()).isEmpty();
    }

    @Test
    void quotingFollowsTheShell() {
        assertThat(Words.split("xfs_io -c \"a b\" -c 'c \"d\"' -c \"e\\\"f\" x"))
                .containsExactly("xfs_io", "-c", "a b", "-c", "c \"d\"", "-c", "e\"f", "x");
    }
}

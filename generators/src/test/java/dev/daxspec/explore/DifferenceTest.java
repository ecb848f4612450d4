package dev.daxspec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.CaseWriter;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Fiemap;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.Invocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where two transcripts first differ, by command and kind; and findings' programs as case files. */
class DifferenceTest {

    @TempDir
    Path dir;

    private static final Program UNALIGNED = new Program(
            Target.DEFAULT,
            List.of(
                    new XfsIoStep(new Invocation(
                            true,
                            false,
                            "f",
                            List.of(
                                    new Pwrite(0, 10, 0x41, OptionalLong.empty()),
                                    new Pwrite(5000, 3, 0x42, OptionalLong.empty())))),
                    new XfsIoStep(
                            new Invocation(true, false, "f", List.of(new Fiemap(true), new Pread(4996, 8, true))))));

    @Test
    void theFirstDifferingCommandIsTheOneWhoseOutputDiffers() {
        String correct = ProgramRunner.run(UNALIGNED, Kernel.CORRECT).text();
        String buggy = ProgramRunner.run(UNALIGNED, Kernel.with(Bug.XIP_WRITE_IGNORES_PAGE_OFFSET))
                .text();
        Difference d = Difference.of(UNALIGNED, correct, buggy, Kernel.CORRECT);
        // Commands: mount (0), pwrite, pwrite, fiemap, pread (4).
        assertThat(d.command()).isEqualTo(4);
        assertThat(d.signature()).isEqualTo("pread: data");
    }

    @Test
    void outputTheKernelAddsBelongsToTheCommandBeforeTheNextOne() {
        String correct = ProgramRunner.run(UNALIGNED, Kernel.CORRECT).text();
        String extra = correct.replace("0: [0..15]: data\n", "0: [0..15]: data\n1: [16..23]: unwritten\n");
        assertThat(extra).isNotEqualTo(correct);
        Difference d = Difference.of(UNALIGNED, correct, extra, Kernel.CORRECT);
        assertThat(d.signature()).isEqualTo("fiemap: extra extent map");
        String missing = correct.replace("0: [0..15]: data\n", "");
        assertThat(Difference.of(UNALIGNED, correct, missing, Kernel.CORRECT).signature())
                .isEqualTo("fiemap: missing extent map");
    }

    @Test
    void kindsNameWhatDiffers() {
        assertThat(Difference.kind("exit 1", "")).isEqualTo("missing exit status");
        assertThat(Difference.kind("wrote 1/1 bytes at offset 0", "exit 135")).isEqualTo("exit status");
        assertThat(Difference.kind("$ umount SCRATCH_MNT", "kernel: EXT4-fs (ram0): error"))
                .isEqualTo("kernel log");
        assertThat(Difference.kind("stat.size = 1", "stat.size = 2")).isEqualTo("stat");
        assertThat(Difference.kind("trace: dax_pmd_fault_done NOPAGE 1", "trace: dax_pte_fault_done NOPAGE 1"))
                .isEqualTo("fault trace");
    }

    @Test
    void aProgramWrittenAsACaseReadsBackTheSame() throws Exception {
        Program p = new Program(
                Target.builder()
                        .fs(Filesystem.XFS)
                        .device(DeviceKind.BRD)
                        .mount("defaults")
                        .blockSize(1024)
                        .build(),
                List.of(
                        new FillStep(6),
                        UNALIGNED.steps().get(0),
                        new RemountStep(),
                        new XfsIoStep(((XfsIoStep) UNALIGNED.steps().get(1)).invocation(), true)));
        Path file = Files.writeString(dir.resolve("x.case"), CaseWriter.write("x", "round trip", p));
        CaseFileParser parser = new CaseFileParser();
        parser.parse(file);
        assertThat(parser.problems()).isEmpty();
        assertThat(parser.cases())
                .singleElement()
                .satisfies(c -> assertThat(c.program()).isEqualTo(p));
    }
}

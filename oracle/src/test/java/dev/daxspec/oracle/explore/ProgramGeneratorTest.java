package dev.daxspec.oracle.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Mmap;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.Transcript;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Targets;
import dev.daxspec.oracle.xfsio.Invocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generated programs: deterministic, valid, within their vocabulary, aimed at the boundaries; and their shrinking. */
class ProgramGeneratorTest {

    private static final Target PMEM = Target.DEFAULT;
    private static final Target XFS_BRD = Targets.target(Filesystem.XFS, DeviceKind.BRD, MountOptions.NONE, 4096, 4096);

    @Test
    void theSameSeedGivesTheSameProgram() {
        ProgramGenerator a = new ProgramGenerator(List.of(PMEM, XFS_BRD), Vocabulary.ALL, 12);
        ProgramGenerator b = new ProgramGenerator(List.of(PMEM, XFS_BRD), Vocabulary.ALL, 12);
        Set<String> distinct = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            assertThat(a.program(seed)).isEqualTo(b.program(seed));
            distinct.add(a.program(seed).toString());
        }
        assertThat(distinct).hasSizeGreaterThan(45);
    }

    @Test
    void everyProgramIsPredictableAndWithinItsCommandBudget() {
        ProgramGenerator g = new ProgramGenerator(List.of(PMEM, XFS_BRD), Vocabulary.ALL, 6);
        for (long seed = 0; seed < 300; seed++) {
            Program p = g.program(seed);
            assertThat(ProgramGenerator.commands(p)).isBetween(1, 6);
            assertThat(ProgramRunner.outcomes(p, Kernel.CORRECT)).isNotEmpty();
        }
    }

    @Test
    void theHostVocabularyNeverCrashesOrTraces() {
        ProgramGenerator g = new ProgramGenerator(List.of(PMEM), Vocabulary.HOST, 12);
        List<Step> all = new ArrayList<>();
        for (long seed = 0; seed < 400; seed++) {
            all.addAll(g.program(seed).steps());
        }
        assertThat(all).noneMatch(CrashStep.class::isInstance).noneMatch(s -> s instanceof XfsIoStep x && x.traced());
        assertThat(all)
                .anyMatch(RemountStep.class::isInstance)
                .anyMatch(FillStep.class::isInstance)
                .anyMatch(s -> s instanceof XfsIoStep x && x.invocation().probe());
        ProgramGenerator vm = new ProgramGenerator(List.of(PMEM), Vocabulary.ALL, 12);
        List<Step> vmSteps = new ArrayList<>();
        for (long seed = 0; seed < 400; seed++) {
            vmSteps.addAll(vm.program(seed).steps());
        }
        assertThat(vmSteps).anyMatch(CrashStep.class::isInstance).anyMatch(s -> s instanceof XfsIoStep x && x.traced());
    }

    @Test
    void offsetsAimAtBoundariesAndAtEof() {
        ProgramGenerator g = new ProgramGenerator(List.of(PMEM), Vocabulary.ALL, 12);
        Set<Long> offsets = new HashSet<>();
        for (long seed = 0; seed < 1000; seed++) {
            for (Step s : g.program(seed).steps()) {
                if (s instanceof XfsIoStep x) {
                    x.invocation().ops().forEach(op -> {
                        if (op instanceof Pwrite w) {
                            offsets.add(w.offset());
                        } else if (op instanceof Pread r) {
                            offsets.add(r.offset());
                        } else if (op instanceof Mmap m) {
                            offsets.add(m.offset());
                        }
                    });
                }
            }
        }
        assertThat(offsets).contains(0L, 4095L, 4096L, 4097L, 2L << 20);
        assertThat(offsets.stream().filter(o -> o % 4096 != 0 && (o + 1) % 4096 != 0 && (o - 1) % 4096 != 0))
                .as("offsets off any boundary: at an i_size left by an unaligned write")
                .isNotEmpty();
    }

    @Test
    void randomProgramsTellTheUnalignedWriteVariantApart() {
        // The cheapest variant to find: an unaligned write through DAX lands at the page's start.
        ProgramGenerator g = new ProgramGenerator(List.of(PMEM), Vocabulary.ALL, 6);
        Kernel buggy = Kernel.with(Bug.XIP_WRITE_IGNORES_PAGE_OFFSET);
        long found = -1;
        for (long seed = 0; seed < 2000 && found < 0; seed++) {
            Program p = g.program(seed);
            if (!texts(p, Kernel.CORRECT).containsAll(texts(p, buggy))) {
                found = seed;
            }
        }
        assertThat(found).as("a program that tells the variant apart").isNotNegative();
    }

    /**
     * B6 needs a store past EOF in the EOF page, a later step that grows the file over it and
     * a read of the old EOF page: on every ext4 target explore draws for a variant, pmem and
     * brd apart, random programs put them together within a few hundred programs.
     */
    @ParameterizedTest
    @EnumSource(
            value = DeviceKind.class,
            names = {"PMEM", "BRD"})
    void randomProgramsFindTheEofPageVariantOnExt4(DeviceKind device) {
        List<Target> ext4 = new ArrayList<>();
        for (String mount : List.of("dax=always", "dax", "dax=inode", "dax=never", "defaults")) {
            for (int block : new int[] {1024, 2048, 4096}) {
                ext4.add(Target.builder()
                        .fs(Filesystem.EXT4)
                        .device(device)
                        .mount(MountOptions.parse(mount))
                        .blockSize(block)
                        .build());
            }
        }
        ProgramGenerator g = new ProgramGenerator(ext4, Vocabulary.ALL, 12);
        Kernel buggy = Kernel.with(Bug.EOF_BLOCK_NOT_ZEROED);
        long found = -1;
        for (long seed = 0; seed < 400 && found < 0; seed++) {
            Program p = g.program(seed);
            if (!texts(p, Kernel.CORRECT).containsAll(texts(p, buggy))) {
                found = seed;
            }
        }
        assertThat(found)
                .as("a program that tells the variant apart on ext4 " + device)
                .isNotNegative();
    }

    @Test
    void aTargetThatDoesNotMountIsDrawnOnce() {
        // ext4 refuses DAX with 1 KiB blocks: every program there is the mount's refusal.
        Target refused = Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.parse("dax=always"), 4096, 1024);
        ProgramGenerator g = new ProgramGenerator(List.of(refused, PMEM), Vocabulary.ALL, 6);
        int onRefused = 0;
        for (long seed = 0; seed < 500; seed++) {
            Program p = g.program(seed);
            if (p.target().equals(refused)) {
                onRefused++;
                assertThat(p.steps()).isEmpty();
            }
        }
        // One draw in five: the refused target once, the DAX one four times.
        assertThat(onRefused).isBetween(60, 140);
    }

    @Test
    void shrinkingKeepsTheFailureAndDropsTheRest() {
        Kernel buggy = Kernel.with(Bug.XIP_WRITE_IGNORES_PAGE_OFFSET);
        Program p = new Program(
                PMEM,
                List.of(
                        step(new Pwrite(0, 8192, 0x41, OptionalLong.empty())),
                        step(new Pwrite(4100, 10, 0x42, OptionalLong.empty()), new Pread(4096, 16, true)),
                        new RemountStep(),
                        step(new Pread(0, 16, true))));
        assertThat(texts(p, buggy)).isNotEqualTo(texts(p, Kernel.CORRECT));
        Program small = Shrinker.shrink(p, c -> !texts(c, Kernel.CORRECT).equals(texts(c, buggy)), 500);
        assertThat(ProgramGenerator.commands(small)).isLessThanOrEqualTo(2);
        assertThat(texts(small, buggy)).isNotEqualTo(texts(small, Kernel.CORRECT));
    }

    @Test
    void exhaustiveEnumeratesEveryProgramOnceShortestFirst() {
        Exhaustive e =
                Exhaustive.of(XFS_BRD, List.of("pwrite", "truncate", "remount"), List.of(0L, 4096L), List.of(1L), 2);
        // pwrite at 2 offsets, truncate at 2, remount: 5 commands; 5 + 25 programs.
        assertThat(e.alphabetSize()).isEqualTo(5);
        assertThat(e.size()).isEqualTo(30);
        Set<Program> all = new HashSet<>();
        for (long i = 0; i < e.size(); i++) {
            all.add(e.program(i));
        }
        assertThat(all).hasSize(30);
        assertThat(ProgramGenerator.commands(e.program(0))).isEqualTo(1);
        assertThat(ProgramGenerator.commands(e.program(29))).isEqualTo(2);
        // Consecutive xfs_io commands share one run; remount splits runs.
        assertThat(e.program(5).steps()).hasSize(1);
        assertThat(e.program(29).steps()).containsExactly(new RemountStep(), new RemountStep());
        assertThatThrownBy(() -> Exhaustive.of(XFS_BRD, List.of("frob"), List.of(0L), List.of(1L), 2))
                .hasMessageContaining("unknown command 'frob'");
        assertThatThrownBy(() -> e.program(30)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static XfsIoStep step(Op... ops) {
        return new XfsIoStep(new Invocation(true, false, "f", List.of(ops)));
    }

    private static List<String> texts(Program p, Kernel k) {
        return ProgramRunner.outcomes(p, k).stream().map(Transcript::text).toList();
    }
}

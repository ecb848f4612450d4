package dev.daxspec.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.TargetedSuite;
import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code series --explore}'s engine, with the oracle playing both kernels: the correct
 * oracle as base and a historical bug as head is a regression found, shrunk and written as
 * a test that expects base's output; the other way round it is a fix; two equal kernels
 * give no change.
 */
class KernelChangesTest {

    private static final List<Target> DAX = List.of(
            Target.builder()
                    .fs(Filesystem.EXT4)
                    .device(DeviceKind.PMEM)
                    .mount(MountOptions.parse("dax=always"))
                    .blockSize(4096)
                    .build(),
            Target.builder()
                    .fs(Filesystem.XFS)
                    .device(DeviceKind.PMEM)
                    .mount(MountOptions.parse("dax=always"))
                    .blockSize(4096)
                    .build());

    @TempDir
    Path dir;

    private KernelChanges.Result explore(Backend base, Backend head, Set<String> commands, Path out)
            throws IOException {
        KernelChanges.Plan plan =
                new KernelChanges.Plan(DAX, Vocabulary.ALL.withoutCrash(), commands, 3, 12, 250, 0, 40, out);
        return KernelChanges.run(plan, base, head, Kernel.CORRECT, new PrintWriter(new StringWriter()));
    }

    @Test
    void aHeadWithTheEofRoundingBugIsARegressionShrunkToATestThatExpectsBase() throws IOException {
        Path out = dir.resolve("out");
        KernelChanges.Result r = explore(
                VariantBackend.correct(),
                new VariantBackend(Bug.DAX_FAULT_EOF_ROUNDING),
                Set.of("mread", "mwrite"),
                out);

        System.out.println(r.report());
        assertThat(r.regressions()).isPositive();
        assertThat(r.report())
                .contains("REGRESSION 001")
                .contains("base agrees with the oracle; head differs from" + " the oracle");
        Path first = out.resolve("changes/001");
        String base = Files.readString(first.resolve("base.out"));
        String head = Files.readString(first.resolve("head.out"));
        assertThat(base).isNotEqualTo(head);
        assertThat(Files.readString(first.resolve("oracle.out"))).isEqualTo(base);
        assertThat(Files.readString(first.resolve("diff"))).startsWith("--- base.out");
        // The suite bisect-script takes: one test, expecting what base printed.
        Suite suite = TargetedSuite.fromSuite(first.resolve("shell"))
                .write(List.of("series-explore-001"), dir.resolve("copy"))
                .suite();
        assertThat(suite.tests())
                .singleElement()
                .satisfies(t -> assertThat(t.ids()).contains("series-explore-001"));
        assertThat(Files.readString(first.resolve("change.txt"))).startsWith("REGRESSION ");
    }

    @Test
    void theShrunkProgramStillShowsTheChangeAndIsShort() throws IOException {
        Path out = dir.resolve("out");
        explore(VariantBackend.correct(), new VariantBackend(Bug.DAX_FAULT_EOF_ROUNDING), Set.of(), out);
        String shrunk = Files.readString(out.resolve("changes/001/program.case"));
        CaseFileParser parser = new CaseFileParser();
        parser.parse(out.resolve("changes/001/program.case"));
        assertThat(parser.problems()).isEmpty();
        Program p = parser.cases().get(0).program();
        String onBase = ProgramRunner.outcomes(p, Kernel.CORRECT).get(0).text();
        String onHead = ProgramRunner.outcomes(p, Kernel.with(Bug.DAX_FAULT_EOF_ROUNDING))
                .get(0)
                .text();
        assertThat(onHead).as(shrunk).isNotEqualTo(onBase);
        assertThat(dev.daxspec.oracle.explore.ProgramGenerator.commands(p)).isLessThanOrEqualTo(5);
    }

    @Test
    void theSameDifferenceTheOtherWayRoundIsAFix() throws IOException {
        KernelChanges.Result r = explore(
                new VariantBackend(Bug.DAX_FAULT_EOF_ROUNDING),
                VariantBackend.correct(),
                Set.of("mread", "mwrite"),
                dir.resolve("out"));

        assertThat(r.changes()).isPositive();
        assertThat(r.regressions()).isZero();
        assertThat(r.report())
                .contains("FIX        001")
                .contains("base differs from the oracle; head agrees with" + " the oracle");
    }

    @Test
    void twoEqualKernelsGiveNoChange() throws IOException {
        KernelChanges.Result r =
                explore(VariantBackend.correct(), VariantBackend.correct(), Set.of(), dir.resolve("out"));

        assertThat(r.changes()).isZero();
        assertThat(r.report())
                .contains("250 programs on both: 250 the same, 0 differ")
                .contains("0 changes");
        assertThat(dir.resolve("out/changes")).doesNotExist();
    }

    @Test
    void programsThatRunNoneOfTheCommandsAreSkipped() throws IOException {
        KernelChanges.Result r = explore(
                VariantBackend.correct(),
                new VariantBackend(Bug.DAX_FAULT_EOF_ROUNDING),
                Set.of("fiemap"),
                dir.resolve("out"));

        // The EOF rounding bug shows only through a mapping; programs kept for fiemap alone rarely map.
        assertThat(r.report()).containsPattern("; [1-9]\\d* drawn and skipped");
        assertThat(r.report()).contains("programs that run one of: fiemap");
    }

    @Test
    void twoOutcomesACrashAllowsAreNoChange() throws IOException {
        KernelChanges.Plan plan =
                new KernelChanges.Plan(DAX, Vocabulary.ALL, Set.of(), 3, 12, 250, 0, 40, dir.resolve("out"));
        KernelChanges.Result r = KernelChanges.run(
                plan, VariantBackend.correct(), new LastOutcome(), Kernel.CORRECT, new PrintWriter(new StringWriter()));

        assertThat(r.changes()).as(r.report()).isZero();
        assertThat(r.report())
                .containsPattern(
                        "  [1-9]\\d* of those that differ chose between outcomes the oracle" + " allows after a crash");
    }

    /** A correct kernel that, where a crash leaves it a choice, makes the last one the oracle allows. */
    private static final class LastOutcome implements Backend {
        @Override
        public String describe() {
            return "the correct oracle, choosing the last outcome";
        }

        @Override
        public String release() {
            return "last-outcome";
        }

        @Override
        public Vocabulary vocabulary() {
            return Vocabulary.ALL;
        }

        @Override
        public int batchSize() {
            return 1;
        }

        @Override
        public List<KernelRun> run(List<Program> programs) {
            return programs.stream()
                    .map(p -> {
                        List<dev.daxspec.oracle.program.Transcript> all = ProgramRunner.outcomes(p, Kernel.CORRECT);
                        return KernelRun.of(all.get(all.size() - 1).text());
                    })
                    .toList();
        }

        @Override
        public void close() {}
    }

    @Test
    void anOutputDirectoryWithChangesIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("out/changes"));
        assertThatThrownBy(
                        () -> explore(VariantBackend.correct(), VariantBackend.correct(), Set.of(), dir.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("changes/");
    }
}

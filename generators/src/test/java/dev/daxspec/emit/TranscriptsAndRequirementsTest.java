package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The transcript views the formats compare, and the requirements derived with the oracle. */
class TranscriptsAndRequirementsTest {

    @Test
    void theStepsPartStartsAtTheFirstStepAndIsEmptyForARefusedMount() {
        TestCase ok = Cases.named("mount-dax-ok@xfs-pmem-dax-4096").get(0);
        String steps = Transcripts.stepsPart(ok.program(), ok.expected().get(0)).orElseThrow();
        assertThat(ok.expected().get(0)).contains("kernel: XFS (pmem0): DAX enabled.");
        assertThat(steps)
                .startsWith("$ xfs_io -f -c \"pwrite 0 4096\" -c \"statx -r\" SCRATCH_MNT/f\n")
                .doesNotContain("kernel:", "umount");
        TestCase refused =
                Cases.named("mount-dax-refused@ext4-brd-dax=always-4096").get(0);
        assertThat(Transcripts.stepsPart(refused.program(), refused.expected().get(0)))
                .isEmpty();
        assertThatThrownBy(() ->
                        Transcripts.stepsPart(ok.program(), refused.expected().get(0)))
                .hasMessageContaining("does not start with");
    }

    @Test
    void kernelLinesNameNoDeviceInTheDeviceNeutralView() {
        assertThat(Transcripts.deviceNeutral("kernel: XFS (pmem0): DAX enabled.\nfd.path = \"(pmem0)\"\n"
                        + "kernel: EXT4-fs (ram12): x (ram1)\n"))
                .isEqualTo("kernel: XFS (DEV): DAX enabled.\nfd.path = \"(pmem0)\"\nkernel: EXT4-fs (DEV): x (ram1)\n");
    }

    @Test
    void theDeviceNeedComesFromTheMountOptionsAndTheOracle() {
        assertThat(need("pwrite-unaligned@ext4-pmem-dax=always-4096")).isEqualTo(Requirements.DeviceNeed.DAX);
        // xfs turns DAX off on brd: asked for with dax=always, that is what the test is about.
        assertThat(need("mount-dax-turned-off@xfs-brd-dax=always-4096")).isEqualTo(Requirements.DeviceNeed.NO_DAX);
        // Page cache on ext4 with 4 KiB blocks: the same on pmem.
        assertThat(need("pwrite-unaligned@ext4-brd-defaults-4096")).isEqualTo(Requirements.DeviceNeed.ANY);
        // ext4 logs "unsupported blocksize for DAX" on pmem only: the shell view sees it,
        // the xfstests view (no kernel lines) does not.
        TestCase small = Cases.named("mount-small-blocks-on-pmem@ext4-pmem-dax=inode-1024")
                .get(0);
        assertThat(requirements(small, Transcripts::deviceNeutral).device()).isEqualTo(Requirements.DeviceNeed.DAX);
        assertThat(requirements(
                                small,
                                t -> Transcripts.stepsPart(small.program(), t).orElse(""))
                        .device())
                .isEqualTo(Requirements.DeviceNeed.ANY);
    }

    @Test
    void xfsIoCommandsAndFlagsBeyondTheBasicOnes() {
        TestCase seek = Cases.named("seek-tables@ext4-pmem-dax=always-4096").get(0);
        assertThat(Requirements.xfsIoCommands(seek.program()))
                .extracting(c -> (c.command() + " " + c.flag()).strip())
                .containsExactly("seek", "seek -a", "seek -d", "seek -h", "seek -r", "seek -s");
        TestCase fill = Cases.named("enospc-xfs-run").get(0);
        assertThat(Requirements.xfsIoCommands(fill.program()))
                .extracting(Requirements.XfsIoCommand::command)
                .containsExactly("falloc");
    }

    @Test
    void aTestCaseNamesWhatIsWrongWithIt() {
        TestCase ok = Cases.all().get(0);
        assertThatThrownBy(() -> new TestCase(
                        "a b", "t", List.of(), List.of(), ok.program(), ok.expected(), Optional.empty(), List.of()))
                .hasMessageStartingWith("test id 'a b' must be");
        assertThatThrownBy(() -> new TestCase(
                        "x",
                        "t",
                        List.of(),
                        List.of("seed:1"),
                        ok.program(),
                        ok.expected(),
                        Optional.empty(),
                        List.of()))
                .hasMessage("test x: tag 'seed:1' must be '@' and no spaces");
        assertThatThrownBy(() -> new TestCase(
                        "x",
                        "two\nlines",
                        List.of(),
                        List.of(),
                        ok.program(),
                        ok.expected(),
                        Optional.empty(),
                        List.of()))
                .hasMessage("test x: the title must be one non-blank line");
        assertThatThrownBy(() -> new TestCase(
                        "x", "t", List.of(), List.of(), ok.program(), List.of(), Optional.empty(), List.of()))
                .hasMessage("test x has no expected transcript");
        // A fixed-by commit is 12 hex digits, as _fixed_by_kernel_commit takes it, and its subject.
        assertThatThrownBy(() -> new KernelFix("0123456789abcdef", "ext4: x", "ext4"))
                .hasMessage("kernel commit '0123456789abcdef' must be its id abbreviated to 12 lowercase hex digits");
        assertThatThrownBy(() -> new KernelFix("0123456789AB", "ext4: x", "ext4"))
                .hasMessageContaining("12 lowercase hex digits");
        assertThatThrownBy(() -> new KernelFix("0123456789ab", " ", "ext4"))
                .hasMessage("kernel commit 0123456789ab needs its subject, one line");
        assertThatThrownBy(() -> new KernelFix("0123456789ab", "a\nb", "")).hasMessageContaining("needs its subject");
        assertThatThrownBy(() -> new KernelFix("0123456789ab", "x", "Ext 4"))
                .hasMessageContaining("filesystem 'Ext 4'");
    }

    private static Requirements.DeviceNeed need(String id) {
        return requirements(Cases.named(id).get(0), Transcripts::deviceNeutral).device();
    }

    /** The requirements of {@code tc} in a suite of it alone. */
    private static Requirements requirements(TestCase tc, UnaryOperator<String> view) {
        return Requirements.of(tc, view, CorrectTranscripts.of(List.of(tc)));
    }
}

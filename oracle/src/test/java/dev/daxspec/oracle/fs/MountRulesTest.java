package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.target.DaxPolicy;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** B3 and B11: each filesystem's own answer to DAX on each device and block size. */
class MountRulesTest {

    private static MountResult mount(String fs, String dev, String opts, int block) {
        return mount(fs, dev, opts, block, Kernel.CORRECT);
    }

    private static MountResult mount(String fs, String dev, String opts, int block, Kernel kernel) {
        Target t = Target.builder()
                .fs(Filesystem.parse(fs))
                .device(DeviceKind.parse(dev))
                .mount(opts)
                .blockSize(block)
                .build();
        return MountRules.mount(t, kernel);
    }

    @ParameterizedTest(name = "{0} on {1} -o {2}, {3}-byte blocks: {4}")
    @CsvSource({
        "ext4, pmem, dax=always, 4096, ALWAYS",
        "ext4, pmem, dax,        4096, ALWAYS",
        "ext4, pmem, dax=inode,  4096, INODE",
        "ext4, pmem, defaults,   4096, INODE",
        "ext4, pmem, dax=never,  4096, NEVER",
        "ext4, brd,  dax=inode,  4096, INODE",
        "ext2, pmem, dax,        4096, ALWAYS",
        "ext2, pmem, defaults,   4096, INODE",
        "xfs,  pmem, dax=always, 4096, ALWAYS",
        "xfs,  pmem, dax,        4096, ALWAYS",
        "xfs,  brd,  dax=always, 4096, NEVER",
        "xfs,  pmem, dax=always, 1024, NEVER",
        "xfs,  pmem, dax=always, 2048, NEVER",
        "xfs,  pmem, defaults,   4096, INODE",
        "xfs,  pmem, dax=never,  4096, NEVER",
    })
    void mountsWithThisDaxPolicy(String fs, String dev, String opts, int block, DaxPolicy policy) {
        MountResult r = mount(fs, dev, opts, block);
        assertThat(r.mounted()).isTrue();
        assertThat(r.policy()).isEqualTo(policy);
    }

    @ParameterizedTest(name = "{0} on {1} -o {2}, {3}-byte blocks is refused")
    @CsvSource({
        "ext4, brd,  dax=always, 4096",
        "ext4, brd,  dax,        4096",
        "ext4, pmem, dax=always, 1024",
        "ext4, pmem, dax=always, 2048",
        "ext2, brd,  dax,        4096",
        "ext2, pmem, dax=always, 4096",
        "ext2, pmem, dax=inode,  4096",
        "ext4, pmem, defaults,   65536",
        "xfs,  pmem, defaults,   65536",
    })
    void refuses(String fs, String dev, String opts, int block) {
        MountResult r = mount(fs, dev, opts, block);
        assertThat(r.mounted()).isFalse();
        assertThat(r.mountExitStatus()).isEqualTo(32);
    }

    @Test
    void theKernelLogSaysWhy() {
        assertThat(mount("ext4", "brd", "dax=always", 4096).kernelLog())
                .containsExactly("EXT4-fs (ram0): DAX unsupported by block device.");
        assertThat(mount("ext4", "pmem", "dax=always", 1024).kernelLog())
                .containsExactly(
                        "EXT4-fs (pmem0): unsupported blocksize for DAX",
                        "",
                        "EXT4-fs (pmem0): DAX unsupported by block device.");
        // Without dax=always the same complaint is logged and the mount goes on.
        assertThat(mount("ext4", "pmem", "dax=inode", 1024).kernelLog())
                .containsExactly("EXT4-fs (pmem0): unsupported blocksize for DAX", "");
        assertThat(mount("xfs", "brd", "dax", 4096).kernelLog())
                .containsExactly("XFS (ram0): DAX unsupported by block device. Turning off DAX.");
        assertThat(mount("xfs", "pmem", "dax=always", 4096).kernelLog())
                .containsExactly("XFS (pmem0): DAX enabled. Warning: EXPERIMENTAL, use at your own risk");
        assertThat(mount("xfs", "pmem", "dax=inode", 4096).kernelLog()).isEmpty();
        assertThat(mount("xfs", "pmem", "defaults", 65536).refusal()).contains(Errno.ENOSYS);
        assertThat(mount("ext2", "pmem", "dax=never", 4096).kernelLog())
                .containsExactly("EXT4-fs: Mount option(s) incompatible with ext2");
        assertThat(mount("ext4", "pmem", "defaults", 65536).kernelLog())
                .isEqualTo(List.of("EXT4-fs (pmem0): bad block size 65536"));
    }

    @Test
    void theMissingBlocksizeCheckLetsDaxRunOnSmallBlocks() {
        Kernel buggy = Kernel.with(Bug.XIP_BLOCKSIZE_CHECK_MISSING);
        assertThat(mount("ext4", "pmem", "dax=always", 1024, buggy).policy()).isEqualTo(DaxPolicy.ALWAYS);
        assertThat(mount("xfs", "pmem", "dax=always", 2048, buggy).policy()).isEqualTo(DaxPolicy.ALWAYS);
        // Devices without DAX still cannot have it.
        assertThat(mount("ext4", "brd", "dax=always", 4096, buggy).mounted()).isFalse();
    }

    @Test
    void theHardsectCheckRefusesPmemWhoseSectorsAreSmallerThanAPage() {
        Kernel buggy = Kernel.with(Bug.XIP_BLOCKSIZE_CHECK_HARDSECT);
        assertThat(mount("ext4", "pmem", "dax=always", 4096, buggy).mounted()).isFalse();
        assertThat(mount("xfs", "pmem", "dax=always", 4096, buggy).policy()).isEqualTo(DaxPolicy.NEVER);
        assertThat(mount("ext4", "pmem", "dax=always", 4096).mounted()).isTrue();
    }
}

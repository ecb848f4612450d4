package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where correct kernels differ by release and configuration ({@link KernelProfile}), and the
 * xfs behaviour the oracle refuses to predict (speculative preallocation past EOF), both
 * found by daxspec explore on this machine's Linux 6.18.
 */
class KernelProfileRulesTest {

    private static final Target XFS = Targets.target(Filesystem.XFS, DeviceKind.BRD, MountOptions.NONE, 4096, 4096);
    private static final Target EXT4 = Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096);

    @Test
    void landlockGivesTheSuperblockASecurityBlobOnlyFrom611() {
        assertThat(KernelProfile.of("6.18.44", List.of("lockdown", "capability", "landlock", "bpf"))
                        .xfsAttrForkOnCreate())
                .isTrue();
        assertThat(KernelProfile.of("6.1.0-57-amd64", List.of("lockdown", "capability", "landlock", "bpf"))
                        .xfsAttrForkOnCreate())
                .isFalse();
        assertThat(KernelProfile.of("6.1.0-57-amd64", List.of("capability", "selinux"))
                        .xfsAttrForkOnCreate())
                .isTrue();
        assertThat(KernelProfile.of("6.18.44", List.of("capability", "lockdown", "yama"))
                        .xfsAttrForkOnCreate())
                .isFalse();
        assertThat(KernelProfile.parse("6.11.0:landlock").xfsAttrForkOnCreate()).isTrue();
        assertThat(KernelProfile.parse("6.10.9:landlock").xfsAttrForkOnCreate()).isFalse();
        assertThatThrownBy(() -> KernelProfile.parse("latest")).hasMessageContaining("'latest'");
    }

    @Test
    void newXfsFilesShowHasattrWhenTheProfileGivesThemAnAttrFork() {
        Kernel lsm = Kernel.CORRECT.withProfile(KernelProfile.parse("6.18.44:landlock"));
        assertThat(new Model(XFS, lsm).out("f", "stat")).contains("fsxattr.xflags = 0x80000000 [----------------X]\n");
        assertThat(new Model(XFS).out("f", "stat")).contains("fsxattr.xflags = 0x0 [-----------------]\n");
        // xfs_io 6.1 prints no fsxattr lines for ext4's stat: the flag is xfs's alone.
        assertThat(new Model(EXT4, lsm).out("f", "stat")).doesNotContain("fsxattr");
    }

    @Test
    void fiemapAndStatAfterABufferedWriteTo64KiBOnXfsAreRefusedUntilClose() {
        assertThatThrownBy(() -> new Model(XFS).out("f", "pwrite 0 65536", "fiemap -v"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("preallocated past EOF");
        assertThatThrownBy(() -> new Model(XFS).out("f", "pwrite 0 65536", "stat"))
                .isInstanceOf(Unpredictable.class);
        // xfs_release() trimmed it: the next run sees the data only (fixtures/conformance/io-prealloc.case).
        Model m = new Model(XFS);
        m.out("f", "pwrite 0 65536");
        assertThat(m.out("f", "fiemap -v")).isEqualTo("0: [0..127]: data\n");
        Model small = new Model(XFS);
        assertThat(small.out("f", "pwrite 0 65535", "fiemap -v")).endsWith("0: [0..127]: data\n");
        Model ext4 = new Model(EXT4);
        assertThat(ext4.out("f", "pwrite 0 65536", "fiemap -v")).endsWith("0: [0..127]: data\n");
    }

    @Test
    void afterACloseWithUnwrittenBackDataXfsStopsTrimmingAtClose() {
        Model m = new Model(XFS);
        // The first close leaves a delayed-allocation block: XFS_IDIRTY_RELEASE.
        m.out("f", "pwrite 0 1");
        m.out("f", "pwrite 0 73727");
        assertThatThrownBy(() -> m.out("f", "fiemap -v")).isInstanceOf(Unpredictable.class);
        // Written back before the first close: no delayed blocks, the flag stays clear.
        Model synced = new Model(XFS);
        synced.out("f", "pwrite 0 1", "fsync");
        synced.out("f", "pwrite 0 73727");
        assertThat(synced.out("f", "fiemap -v")).isEqualTo("0: [0..143]: data\n");
    }

    @Test
    void since611XfsFreesBlocksPastEofOnlyAtTheFirstClose() {
        Kernel k611 = Kernel.CORRECT.withProfile(KernelProfile.parse("6.11.0"));
        String[][] runs = {{"pwrite 0 90111", "fsync"}, {"pwrite -S 0x4a 90111 5"}};
        Model m611 = new Model(XFS, k611);
        Model m61 = new Model(XFS);
        for (String[] run : runs) {
            m611.out("f", run);
            m61.out("f", run);
        }
        assertThatThrownBy(() -> m611.out("f", "fiemap -v")).isInstanceOf(Unpredictable.class);
        assertThat(m61.out("f", "fiemap -v")).isEqualTo("0: [0..183]: data\n");
    }

    @Test
    void aWritePastEofIntoXfsPreallocationMakesTheGapUnknown() {
        Model m = new Model(XFS);
        m.out("f", "pwrite 55292 10245", "pwrite 126976 1");
        assertThatThrownBy(() -> m.out("f", "statx"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("speculative preallocation");
    }

    @Test
    void aPreallocatedXfsFileKeepsItsBlocksPastEofAtClose() {
        Model m = new Model(XFS);
        m.out("f", "falloc 0 61948");
        m.out("f", "pwrite -S 0x41 61948 4095", "fdatasync");
        assertThatThrownBy(() -> m.out("f", "stat")).isInstanceOf(Unpredictable.class);
    }

    /**
     * A preallocation or a zero range inside delayed allocation allocates the whole delalloc
     * extent, the speculative preallocation past EOF too, which XFS_DIFLAG_PREALLOC then keeps
     * at close (before, the model trimmed it at close, as for a file with delayed allocation
     * left).
     */
    @Test
    void aPreallocationInsideXfsDelayedAllocationKeepsTheBlocksPastEofUnknown() {
        Model inside = new Model(XFS);
        inside.out("f", "pwrite -S 0x4c 0 68607", "falloc 28669 4097");
        assertThatThrownBy(() -> inside.out("f", "statx"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("delayed allocation");
        Model zeroed = new Model(XFS);
        zeroed.out("f", "pwrite -S 0x46 0 69120", "fzero 0 1");
        assertThatThrownBy(() -> zeroed.out("f", "fiemap -v"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("delayed allocation");
    }

    /**
     * Only a write past EOF lands in xfs's speculative preallocation with a gap before it
     * (the explore finding above); an append at EOF, or an overwrite that ends at EOF, leaves
     * the layout known once the file is closed.
     */
    @Test
    void anAppendAtEofOrAnOverwriteEndingThereKeepsTheXfsLayoutKnown() {
        Model append = new Model(XFS);
        append.out("f", "pwrite 0 64k", "pwrite 64k 4k");
        assertThat(append.out("f", "stat")).contains("stat.blocks = 136\n");
        Model overwrite = new Model(XFS);
        overwrite.out("f", "pwrite 0 64k", "fsync");
        assertThat(overwrite.out("f", "pwrite 60k 4k", "fiemap -v")).endsWith("0: [0..127]: data\n");
    }
}

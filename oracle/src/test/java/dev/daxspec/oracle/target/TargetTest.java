package dev.daxspec.oracle.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What a target is made of, as the CLI, the case files and the emitters spell it: the
 * builder's defaults and checks, and the names each part parses from and prints as.
 */
class TargetTest {

    @Test
    void theDefaultIsExt4OnA512MiBPmemDeviceWithDaxAlways() {
        Target t = Target.builder().build();
        assertThat(t).isEqualTo(Target.DEFAULT);
        assertThat(t.toString()).isEqualTo("ext4 on pmem (512MiB), dax=always, page 4096, block 4096");
        assertThat(t.blockSize()).isEqualTo(4096);
        assertThat(t.pageSize()).isEqualTo(4096);
    }

    @Test
    void xfsGrowsOnlyADeviceSizeNobodyChoseToWhatMkfsXfsNeeds() {
        Target small = Target.builder().deviceSize(64L << 20).build();
        // toBuilder() keeps the size but not that it was chosen: the emitters switch a
        // program's filesystem this way.
        assertThat(small.toBuilder().fs(Filesystem.XFS).build().device().size()).isEqualTo(Target.XFS_MIN_DEVICE);
        assertThat(small.toBuilder().fs(Filesystem.EXT2).build().device().size())
                .isEqualTo(64L << 20);
        assertThat(Target.builder().fs(Filesystem.XFS).build().device().size()).isEqualTo(Target.DEFAULT_DEVICE_SIZE);
        Target exactly = Target.builder()
                .fs(Filesystem.XFS)
                .deviceSize(Target.XFS_MIN_DEVICE)
                .build();
        assertThat(exactly.device().size()).isEqualTo(Target.XFS_MIN_DEVICE);
        assertThat(exactly.toBuilder().build().device().size()).isEqualTo(Target.XFS_MIN_DEVICE);
    }

    @Test
    void aDeviceSizeChosenForXfsIsCheckedNotGrown() {
        assertThatThrownBy(() -> Target.builder()
                        .fs(Filesystem.XFS)
                        .deviceSize(256L << 20)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("xfs needs a device of at least 300 MiB, not 256 MiB"
                        + " (mkfs.xfs: Filesystem must be larger than 300MB)");
    }

    @Test
    void theBuilderSetsEachPartAndChains() {
        Target t = Target.builder()
                .fs(Filesystem.XFS)
                .device(DeviceKind.BRD)
                .deviceSize(1L << 30)
                .mount("dax=never")
                .pageSize(65536)
                .blockSize(1024)
                .build();
        assertThat(t.toString()).isEqualTo("xfs on brd (1GiB), dax=never, page 65536, block 1024");
        assertThat(t.mount()).isEqualTo(MountOptions.DAX_NEVER);
        assertThat(Target.builder().mount(MountOptions.NONE).build().mount().forMount())
                .isEqualTo("defaults");
    }

    @Test
    void theChecksNameTheValueTheyRefuse() {
        assertThatThrownBy(() -> Target.builder().blockSize(512).build())
                .hasMessage("block size 512 is below what mkfs.ext4 makes (1024)");
        assertThatThrownBy(() -> new Device(DeviceKind.PMEM, (1L << 20) + 512))
                .hasMessage("device size 1049088 is not a whole number of MiB of at least 1 MiB");
        assertThatThrownBy(() -> new Device(DeviceKind.PMEM, 0)).hasMessageStartingWith("device size 0 ");
        assertThatThrownBy(() -> new Device(null, 1L << 20)).hasMessage("device kind is missing");
        assertThat(new Device(DeviceKind.BRD, 1L << 20).toString()).isEqualTo("brd (1MiB)");
    }

    @Test
    void aDeviceIsNamedByItsDriverOrByTheKernelsName() {
        for (String name : new String[] {"pmem", "PMEM", "pmem0", "/dev/pmem0"}) {
            assertThat(DeviceKind.parse(name)).as(name).isEqualTo(DeviceKind.PMEM);
        }
        for (String name : new String[] {"brd", "ram0", "/dev/ram0"}) {
            assertThat(DeviceKind.parse(name)).as(name).isEqualTo(DeviceKind.BRD);
        }
        assertThatThrownBy(() -> DeviceKind.parse("ram")).hasMessage("unknown device 'ram' (known: pmem, brd)");
        assertThat(DeviceKind.PMEM.deviceName()).isEqualTo("pmem");
        assertThat(DeviceKind.BRD.toString()).isEqualTo("brd");
        assertThat(DeviceKind.BRD.kernelName()).isEqualTo("ram0");
        assertThat(new Device(DeviceKind.PMEM, 1L << 20).kernelName()).isEqualTo("pmem0");
        assertThat(DeviceKind.PMEM.supportsDax()).isTrue();
        assertThat(DeviceKind.BRD.supportsDax()).isFalse();
    }

    @Test
    void aFilesystemIsNamedAsMkfsAndMountName() {
        assertThat(Filesystem.parse("XFS")).isEqualTo(Filesystem.XFS);
        assertThat(Filesystem.EXT2.fsName()).isEqualTo("ext2");
        assertThat(Filesystem.EXT4.toString()).isEqualTo("ext4");
        assertThat(Filesystem.EXT2.logPrefix()).isEqualTo("EXT4-fs");
        assertThat(Filesystem.XFS.logPrefix()).isEqualTo("XFS");
        assertThat(Filesystem.EXT2.isExt4Driver()).isTrue();
        assertThat(Filesystem.XFS.isExt4Driver()).isFalse();
        assertThatThrownBy(() -> Filesystem.parse("btrfs"))
                .hasMessage("unknown filesystem 'btrfs' (known: ext4, xfs, ext2)");
    }

    @Test
    void theLastDaxOptionWinsAndTheOthersAreKeptAsWritten() {
        MountOptions o = MountOptions.parse(" defaults, dax=never ,dax");
        assertThat(o.dax()).isEqualTo(DaxOption.LEGACY);
        assertThat(o.dax().always()).isTrue();
        assertThat(o.spelled()).isEqualTo("dax=never,dax");
        assertThat(o.forMount()).isEqualTo("dax=never,dax");
        assertThat(o.toString()).isEqualTo("dax=never,dax");
        assertThat(MountOptions.parse("dax=inode")).isEqualTo(MountOptions.DAX_INODE);
        assertThat(MountOptions.parse("dax=inode").dax().always()).isFalse();
        assertThat(MountOptions.parse("dax=always")).isEqualTo(MountOptions.DAX_ALWAYS);
        assertThat(MountOptions.parse("defaults")).isEqualTo(MountOptions.NONE);
        assertThat(MountOptions.NONE.forMount()).isEqualTo("defaults");
        assertThat(MountOptions.NONE.toString()).isEqualTo("defaults");
        assertThatThrownBy(() -> MountOptions.parse("dax,noatime"))
                .hasMessage("unsupported mount option 'noatime'"
                        + " (the model knows dax, dax=always, dax=never, dax=inode and defaults)");
    }
}

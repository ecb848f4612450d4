package dev.daxspec.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.emit.Suite;
import dev.daxspec.oracle.target.DeviceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A section is a filesystem and a scratch device; TEST_DEV is the other device. */
class XfstestsSectionTest {

    @Test
    void aPmemSectionMountsScratchWithDaxAndTestsOnTheBrdDisk() {
        assertThat(new XfstestsSection("ext4", DeviceKind.PMEM).config("/tmp/r"))
                .isEqualTo("""
                        [ext4-pmem]
                        FSTYP=ext4
                        TEST_DEV=/dev/ram0
                        TEST_DIR=/mnt/test
                        SCRATCH_DEV=/dev/pmem0
                        SCRATCH_MNT=/mnt/scratch
                        MOUNT_OPTIONS="-o dax=always"
                        RESULT_BASE=/tmp/r
                        """);
        assertThat(new XfstestsSection("ext4", DeviceKind.PMEM).mkfsTestDev()).isEqualTo("mkfs.ext4 -q -F /dev/ram0");
    }

    @Test
    void aBrdSectionHasNoDaxAndTestsOnPmem() {
        XfstestsSection s = new XfstestsSection("xfs", DeviceKind.BRD);
        assertThat(s.name()).isEqualTo("xfs-brd");
        assertThat(s.config("/r")).contains("TEST_DEV=/dev/pmem0\n", "SCRATCH_DEV=/dev/ram0\n", "MOUNT_OPTIONS=\"\"\n");
        assertThat(s.mkfsTestDev()).isEqualTo("mkfs.xfs -q -f /dev/pmem0");
    }

    @Test
    void aTestRunsInTheSectionsOfItsDirectoryAndDevice() {
        Suite.Test generic = new Suite.Test("tests/generic/750", DeviceKind.PMEM, List.of("a-1"));
        Suite.Test ext4 = new Suite.Test("tests/ext4/064", DeviceKind.BRD, List.of("b-2"));
        assertThat(new XfstestsSection("ext4", DeviceKind.PMEM).runs(generic)).isTrue();
        assertThat(new XfstestsSection("xfs", DeviceKind.PMEM).runs(generic)).isTrue();
        assertThat(new XfstestsSection("xfs", DeviceKind.BRD).runs(generic)).isFalse();
        assertThat(new XfstestsSection("ext4", DeviceKind.BRD).runs(ext4)).isTrue();
        assertThat(new XfstestsSection("xfs", DeviceKind.BRD).runs(ext4)).isFalse();
        assertThat(new XfstestsSection("ext4", DeviceKind.PMEM).runs(ext4)).isFalse();
    }

    @Test
    void anUnknownFilesystemIsRefusedNamingTheOthers() {
        assertThatThrownBy(() -> new XfstestsSection("btrfs", DeviceKind.PMEM))
                .hasMessage("no xfstests section for filesystem 'btrfs' (there are ext4, xfs)");
    }
}

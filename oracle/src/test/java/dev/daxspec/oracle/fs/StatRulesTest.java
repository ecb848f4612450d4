package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** st_blocks, st_blksize, inode numbers and STATX_ATTR_DAX. */
class StatRulesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void blocksCountAllocatedBlocksInSectors(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        m.out("f", "pwrite 0 1", "pwrite " + 5 * bs + " 1");
        assertThat(m.fs.stat(m.inode("f")).blocks()).isEqualTo(2L * bs / 512);
    }

    @Test
    void statxReportsDaxOnlyForDaxFiles() {
        for (MountOptions mount : new MountOptions[] {MountOptions.DAX_ALWAYS, MountOptions.DAX_LEGACY}) {
            Model dax = new Model(Targets.target(Filesystem.XFS, DeviceKind.PMEM, mount, 4096, 4096));
            assertThat(dax.out("f", "statx -r")).contains("stat.attributes = 0x200000\n");
        }
        for (MountOptions mount :
                new MountOptions[] {MountOptions.NONE, MountOptions.DAX_INODE, MountOptions.DAX_NEVER}) {
            Model no = new Model(Targets.target(Filesystem.EXT4, DeviceKind.PMEM, mount, 4096, 4096));
            assertThat(no.out("f", "statx -r")).contains("stat.attributes = 0x0\n");
        }
    }

    @ParameterizedTest
    @CsvSource({"EXT4, 12, 0x303874", "EXT2, 12, 0x303874", "XFS, 131, 0x203070"})
    void inodeNumbersAndAttributeMasksPerFilesystem(Filesystem fs, long ino, String mask) {
        Model m = new Model(Targets.target(fs, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
        String out = m.out("f", "statx -r");
        assertThat(out).contains("stat.ino = " + ino + "\n").contains("stat.attributes_mask = " + mask + "\n");
        m.out("g", "stat");
        assertThat(m.inode("g").ino()).isEqualTo(ino + 1);
    }

    @Test
    void blksizeIsTheBlockSizeOnExt4AndAtLeastAPageOnXfs() {
        assertThat(new Model(Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 1024))
                        .out("f", "statx -r"))
                .contains("stat.blksize = 1024\n");
        assertThat(new Model(Targets.target(Filesystem.XFS, DeviceKind.BRD, MountOptions.NONE, 4096, 1024))
                        .out("f", "statx -r"))
                .contains("stat.blksize = 4096\n");
    }

    /**
     * ext2's block map: 12 direct blocks, then a single-indirect block, counted in
     * st_blocks. ext4 mounts ext2 without delayed allocation, so blocks and their
     * indirect blocks are allocated at write time, through the page cache too.
     */
    @Test
    void ext2CountsIndirectBlocksAtWriteTime() {
        Model m = new Model(Targets.target(Filesystem.EXT2, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
        m.out("f", "pwrite 0 48k");
        assertThat(m.fs.stat(m.inode("f")).blocks()).isEqualTo(12 * 8);
        m.out("f", "pwrite 48k 4k");
        assertThat(m.fs.stat(m.inode("f")).blocks()).isEqualTo(14 * 8);
        // A block in the double-indirect range adds the double-indirect block and one indirect block.
        m.out("f", "pwrite " + (12 + 1024) * 4096L + " 1");
        assertThat(m.fs.stat(m.inode("f")).blocks()).isEqualTo(17 * 8);
        Model k = new Model(Targets.target(Filesystem.EXT2, DeviceKind.BRD, MountOptions.NONE, 4096, 1024));
        k.out("f", "pwrite 0 52k");
        assertThat(k.fs.stat(k.inode("f")).blocks())
                .as("52 data blocks and an indirect one")
                .isEqualTo(106);
    }

    /** An extent tree deeper than the inode's four slots takes a leaf block. */
    @Test
    void ext4CountsAnExtentLeafPastFourExtents() {
        Model m = new Model(Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
        for (int i = 0; i < 4; i++) {
            m.out("f", "pwrite " + i * 8192 + " 4096");
        }
        assertThat(m.fs.stat(m.inode("f")).blocks()).isEqualTo(4 * 8);
        m.out("f", "pwrite 32768 4096");
        assertThat(m.fs.stat(m.inode("f")).blocks()).isEqualTo(6 * 8);
    }

    @Test
    void xfsStatPrintsFsxattrAndDioattr() {
        Model m = new Model(Targets.target(Filesystem.XFS, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
        assertThat(m.out("f", "pwrite 0 4k", "stat"))
                .endsWith("fd.path = \"SCRATCH_MNT/f\"\n"
                        + "fd.flags = non-sync,non-direct,read-write\n"
                        + "stat.ino = 131\n"
                        + "stat.type = regular file\n"
                        + "stat.size = 4096\n"
                        + "stat.blocks = 8\n"
                        + "fsxattr.xflags = 0x0 [-----------------]\n"
                        + "fsxattr.projid = 0\n"
                        + "fsxattr.extsize = 0\n"
                        + "fsxattr.cowextsize = 0\n"
                        + "fsxattr.nextents = X\n"
                        + "fsxattr.naextents = 0\n"
                        + "dioattr.mem = 0x200\n"
                        + "dioattr.miniosz = 512\n"
                        + "dioattr.maxiosz = 2147483136\n");
        assertThat(m.out("f", "falloc -k 8k 4k", "stat")).contains("fsxattr.xflags = 0x2 [-p---------------]\n");
    }
}

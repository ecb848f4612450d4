package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import java.util.List;
import java.util.stream.IntStream;
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

    /** {@code pwrite} of one block at every other block from 0: {@code n} extents. */
    private static String[] everyOtherBlock(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> "pwrite " + 8192L * i + " 4096")
                .toArray(String[]::new);
    }

    private static long blocks(Model m) {
        return m.fs.stat(m.inode("f")).blocks();
    }

    /**
     * An ext4 extent leaf block with 4 KiB blocks holds (4096 - 12) / 12 = 340 extents
     * (ext4_ext_space_block()); unwritten extents count as extents too.
     */
    @Test
    void ext4ExtentLeavesHold340ExtentsAndUnwrittenOnesCount() {
        Target t = Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096);
        Model full = new Model(t);
        full.out("f", everyOtherBlock(340));
        assertThat(blocks(full)).as("340 extents, one leaf").isEqualTo((340 + 1) * 8);
        Model more = new Model(t);
        more.out("f", everyOtherBlock(341));
        assertThat(blocks(more)).as("341 extents, two leaves").isEqualTo((341 + 2) * 8);
        Model mixed = new Model(t);
        mixed.out("f", "pwrite 0 4k", "falloc -k 8k 4k", "pwrite 16k 4k", "falloc -k 24k 4k", "pwrite 32k 4k");
        assertThat(blocks(mixed))
                .as("3 written and 2 unwritten extents, one leaf")
                .isEqualTo((5 + 1) * 8);
    }

    /**
     * xfs's data fork holds 21 extent records in a 512-byte inode; past that each bmap btree
     * leaf with 4 KiB blocks holds (4096 - 72) / 16 = 251 (XFS_BMAP_BLOCK_LEN with CRC
     * headers, xfs_bmbt_maxrecs()), and unwritten extents are records too.
     */
    @Test
    void xfsBmapBtreeLeavesHold251RecordsAndUnwrittenOnesCount() {
        Target t = Targets.target(Filesystem.XFS, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096);
        Model mixed = new Model(t);
        for (int i = 0; i < 11; i++) {
            mixed.out("f", "pwrite " + 16384L * i + " 4k", "falloc -k " + (16384L * i + 8192) + " 4k");
        }
        assertThat(blocks(mixed))
                .as("11 written and 11 unwritten records, one leaf")
                .isEqualTo((22 + 1) * 8);
        Model full = new Model(t);
        full.out("f", everyOtherBlock(251));
        assertThat(blocks(full)).as("251 records, one leaf").isEqualTo((251 + 1) * 8);
        Model more = new Model(t);
        more.out("f", everyOtherBlock(252));
        assertThat(blocks(more)).as("252 records, two leaves").isEqualTo((252 + 2) * 8);
    }

    /**
     * iomap_fiemap() flags the last extent FIEMAP_EXTENT_LAST, unwritten ones
     * FIEMAP_EXTENT_UNWRITTEN, and ext4 every extent of a block-mapped file
     * FIEMAP_EXTENT_MERGED (ext4_set_iomap(): IOMAP_F_MERGED).
     */
    @Test
    void fiemapFlagsTheLastExtentAndTheBlockMappedOnes() {
        Model ext4 = new Model(Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
        ext4.out("f", "pwrite 0 4k", "falloc -k 8k 4k", "fsync");
        assertThat(ext4.fs.fiemap(ext4.inode("f")))
                .containsExactly(
                        new FiemapExtent(0, 4096, 0),
                        new FiemapExtent(8192, 4096, FiemapExtent.UNWRITTEN | FiemapExtent.LAST));
        Model ext2 = new Model(Targets.target(Filesystem.EXT2, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
        ext2.out("f", "pwrite 0 4k", "pwrite 8k 4k", "fsync");
        assertThat(ext2.fs.fiemap(ext2.inode("f")))
                .containsExactly(
                        new FiemapExtent(0, 4096, FiemapExtent.MERGED),
                        new FiemapExtent(8192, 4096, FiemapExtent.MERGED | FiemapExtent.LAST));
    }

    /**
     * xfs_io asks FIEMAP_FLAG_SYNC: the dirty page over a preallocated block is written back
     * first, so its block is reported as data, the rest of the preallocation unwritten.
     */
    @Test
    void fiemapWritesBackBeforeItReports() {
        Model m = new Model(Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
        assertThat(m.out("f", "falloc 0 8k", "pwrite 0 4k", "fiemap -v"))
                .endsWith("0: [0..7]: data\n1: [8..15]: unwritten\n");
    }

    /**
     * Once a store through a mapping dirtied a page over a hole of an xfs file, how many
     * blocks xfs allocates for it is not modelled: stat, fiemap and lseek refuse to predict;
     * ext4 reserves the page's block, which the model follows.
     */
    @Test
    void aMappedStoreOverAHoleOfAnXfsFileLeavesItsLayoutUnknown() {
        Model xfs = new Model(Targets.target(Filesystem.XFS, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
        xfs.out("f", "pwrite 0 4k", "truncate 16k", "mmap 0 16k", "mwrite 8192 1");
        for (String query : List.of("stat", "fiemap", "seek -d 0")) {
            assertThatThrownBy(() -> xfs.out("f", query))
                    .as(query)
                    .isInstanceOf(Unpredictable.class)
                    .hasMessageContaining("a mapping dirtied over a hole");
        }
        Model ext4 = new Model(Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
        ext4.out("f", "pwrite 0 4k", "truncate 16k", "mmap 0 16k", "mwrite 8192 1");
        assertThat(blocks(ext4)).isEqualTo(2 * 8);
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

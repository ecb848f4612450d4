package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * B9 (Nick Piggin, "Re: [RFC] new ->perform_write fop", 2010): short writes at ENOSPC return what was
 * written, and i_size covers only that.
 */
class SpaceRulesTest {

    private static final Target EXT4 =
            Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096);
    private static final Target XFS =
            Targets.target(Filesystem.XFS, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096);

    @Test
    void ext4WritesAsManyBlocksAsAreLeft() {
        Model m = new Model(EXT4, Kernel.CORRECT, 10);
        var r = m.xfsIo("f", "pwrite -b 1m 0 1m");
        assertThat(r.output()).startsWith("wrote 40960/1048576 bytes at offset 0\n");
        assertThat(r.exitStatus()).isZero();
        assertThat(m.inode("f").size()).isEqualTo(40960);
        assertThat(m.fs.freeBlocks()).isZero();
        assertThat(m.read("f", 40000, 2000)).hasSize(960);
    }

    @Test
    void aShortWriteThatEndsMidBlockCoversOnlyWholeAllocatedBlocks() {
        Model m = new Model(EXT4, Kernel.CORRECT, 2);
        var r = m.xfsIo("f", "pwrite -b 64k 100 64k");
        // blocks 0 and 1 fit: 8192 - 100 bytes of the write.
        assertThat(r.output()).startsWith("wrote 8092/65536 bytes at offset 100\n");
        assertThat(m.inode("f").size()).isEqualTo(8192);
    }

    /** With xfs_io's default buffer (one block) the failing chunk is a whole failure: no report. */
    @Test
    void aChunkThatGetsNothingPrintsOnlyTheError() {
        Model m = new Model(EXT4, Kernel.CORRECT, 3);
        var r = m.xfsIo("f", "pwrite 0 64k");
        assertThat(r.output()).isEqualTo("pwrite: No space left on device\n");
        assertThat(r.exitStatus()).isEqualTo(1);
        // The three chunks before the failing one were written.
        assertThat(m.inode("f").size()).isEqualTo(12288);
    }

    /** An xfs model with the file {@code f} made, then filled to {@code free} blocks. */
    private static Model xfsFilled(Target t, long free) {
        Model m = new Model(t);
        m.out("f", "truncate 0");
        m.fs.fillTo(free);
        return m;
    }

    @Test
    void xfsReservesAHoleRunWholeOrNotAtAll() {
        Model m = xfsFilled(XFS, 10);
        var r = m.xfsIo("f", "pwrite -b 1m 0 1m");
        assertThat(r.output()).isEqualTo("pwrite: No space left on device\n");
        assertThat(m.inode("f").size()).isZero();
        Model n = xfsFilled(XFS, 10);
        // Overwriting allocated blocks needs no space: the write stops where the hole begins.
        n.out("f", "pwrite 0 8k");
        assertThat(n.out("f", "pwrite -b 1m 0 1m")).startsWith("wrote 8192/1048576 bytes at offset 0\n");
    }

    /** Each allocating transaction also reserves 4 blocks for the bmap btree (4 KiB blocks). */
    @Test
    void xfsLeavesItsBmapReserveFree() {
        Model m = xfsFilled(XFS, 10);
        assertThat(m.out("f", "pwrite 0 24k")).startsWith("wrote 24576/24576");
        assertThat(m.out("f", "pwrite 24k 4k")).isEqualTo("pwrite: No space left on device\n");
        assertThat(m.fs.freeBlocks()).isEqualTo(4);
    }

    @Test
    void xfsThroughThePageCacheRefusesToPredictEnospc() {
        Model m = xfsFilled(Targets.target(Filesystem.XFS, DeviceKind.BRD, MountOptions.NONE, 4096, 4096), 10);
        assertThatThrownBy(() -> m.out("f", "pwrite 0 1m"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("delayed-allocation");
    }

    /** xfs_create() reserves blocks for an inode chunk and directory entry before it creates. */
    @Test
    void creatingAFileOnANearlyFullXfsIsNotPredicted() {
        Model m = xfsFilled(XFS, 10);
        assertThatThrownBy(() -> m.out("g", "stat"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("XFS_CREATE_SPACE_RES");
        assertThatThrownBy(() -> m.fs.fillTo(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bmap btree");
    }

    /** Measured: a fill of the 32 MiB ext4 reaches f_bfree less reserved_clusters exactly. */
    @Test
    void aFreshSmallExt4HasItsMeasuredCapacity() {
        Target small = Target.builder().deviceSize(32L << 20).build();
        Model m = new Model(small);
        assertThat(m.out("f", "pwrite -b 1m 0 64m")).startsWith("wrote 26542080/67108864 bytes at offset 0\n");
    }

    @Test
    void theShortWriteBugSetsSizeToTheLengthAskedFor() {
        Model right = new Model(EXT4, Kernel.CORRECT, 2);
        Model buggy = new Model(EXT4, Kernel.with(Bug.SHORT_WRITE_EXTENDS_SIZE), 2);
        for (Model m : new Model[] {right, buggy}) {
            m.out("f", "pwrite -b 1m 0 1m");
        }
        assertThat(right.inode("f").size()).isEqualTo(8192);
        assertThat(buggy.inode("f").size()).isEqualTo(1 << 20);
    }

    @Test
    void ext4PreallocationKeepsWhatItGotAndMovesIsizeToItsEnd() {
        Model m = new Model(EXT4, Kernel.CORRECT, 4);
        var r = m.xfsIo("f", "falloc 0 1m");
        assertThat(r.output()).isEqualTo("fallocate: No space left on device\n");
        assertThat(m.inode("f").extents().mapped()).isEqualTo(4);
        assertThat(m.inode("f").size()).isEqualTo(16384);
        Model x = xfsFilled(XFS, 8);
        x.xfsIo("f", "falloc 0 1m");
        assertThat(x.inode("f").extents().mapped()).isZero();
        assertThat(x.inode("f").size()).isZero();
    }

    @Test
    void anUnmeasuredCapacityRefusesToPredictEnospc() {
        Target small = Target.builder().deviceSize(16L << 20).build();
        Model m = new Model(small);
        assertThatThrownBy(() -> m.out("f", "pwrite -b 1m 0 64m"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("not measured");
        Model big = new Model(Target.DEFAULT);
        assertThatThrownBy(() -> big.out("f", "pwrite -b 1m 0 1g"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("physical layout");
    }

    @Test
    void writesAtOrPastMaxBytesAreEfbigAndWritesAcrossItAreShort() {
        Model m = new Model(EXT4);
        long max = ((1L << 32) - 1) * 4096;
        assertThat(m.out("f", "pwrite " + max + " 1")).isEqualTo("pwrite: File too large\n");
        assertThat(m.out("f", "pwrite -b 8k " + (max - 4096) + " 8k"))
                .startsWith("wrote 4096/8192 bytes at offset " + (max - 4096) + "\n");
        assertThat(m.out("f", "truncate " + (max + 1))).isEqualTo("ftruncate: File too large\n");
    }

    /**
     * ext4_max_bitmap_size() (fs/ext4/super.c) for a block-mapped file on a filesystem
     * without huge_file, as mke2fs makes ext2: i_blocks, in 512-byte sectors and counting
     * the indirect blocks, must fit in 32 bits. With 1 and 2 KiB blocks the triple-indirect
     * tree ends first; from 4 KiB on i_blocks does, less the indirect blocks it takes to
     * address that far, and with 32 and 64 KiB blocks that is inside the double-indirect tree.
     */
    @ParameterizedTest(name = "{0}-byte blocks, {1}-byte pages: {2}")
    @CsvSource({
        "1024, 4096, 17247252480",
        "2048, 4096, 275415851008",
        "4096, 4096, 2196873666560",
        "32768, 65536, 2198754754560",
        "65536, 65536, 2198888906752"
    })
    void anExt2FileEndsWhereItsSectorCountWouldOverflow(int block, int page, long max) {
        Model m = new Model(Targets.target(Filesystem.EXT2, DeviceKind.BRD, MountOptions.NONE, page, block));
        assertThat(m.out("f", "truncate " + (max + 1), "truncate " + max)).isEqualTo("ftruncate: File too large\n");
        assertThat(m.inode("f").size()).isEqualTo(max);
    }

    /**
     * ext4-maxbytes-one-block-too-big: before f17722f917b2 ("ext4: Fix max file size and
     * logical block counting of extent format file", Lukas Czerner, 6 Jun 2011)
     * ext4_max_size() returned (2^32 << blkbits) - 1 for an extent-mapped file, one block
     * more than the fix, less one byte. A block-mapped file's limit, ext4_max_bitmap_size(),
     * is the same on both sides of the fix.
     */
    @Test
    void theMaxbytesBugLetsAnExtentMappedFileReachItsLastLogicalBlock() {
        Kernel buggy = Kernel.with(Bug.EXT4_MAXBYTES_ONE_BLOCK_TOO_BIG);
        Model ext4 = new Model(EXT4, buggy);
        long max = (1L << 44) - 1;
        assertThat(ext4.out("f", "truncate " + (max + 1), "truncate " + max)).isEqualTo("ftruncate: File too large\n");
        assertThat(ext4.inode("f").size()).isEqualTo(max);
        Model ext2 = new Model(Targets.target(Filesystem.EXT2, DeviceKind.BRD, MountOptions.NONE, 4096, 4096), buggy);
        assertThat(ext2.out("f", "truncate 2196873666561", "truncate 2196873666560"))
                .isEqualTo("ftruncate: File too large\n");
    }

    /**
     * Past 32768 blocks (EXT_INIT_MAX_LEN) where ext4's extents split depends on the physical
     * layout, so ENOSPC in a file that would grow past it is refused: judged by the file's
     * blocks with the request's, in one system call too.
     */
    @Test
    void ext4RefusesEnospcInAFileThatWouldPass32768Blocks() {
        Model m = new Model(EXT4, Kernel.CORRECT, 35000);
        assertThatThrownBy(() -> m.out("f", "pwrite -b 160m 0 160m"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("physical layout");
    }

    /**
     * Zero range preallocates what the range lacks: where that does not fit, an unmeasured
     * capacity refuses, and xfs through the page cache refuses too (delayed allocation).
     */
    @Test
    void zeroRangeAtEnospcIsRefusedWhereTheFreeSpaceIsNotKnown() {
        Target unmeasured = Target.builder()
                .fs(Filesystem.XFS)
                .device(DeviceKind.PMEM)
                .deviceSize(400L << 20)
                .mount(MountOptions.DAX_ALWAYS)
                .build();
        Model m = new Model(unmeasured);
        assertThatThrownBy(() -> m.out("f", "fzero 0 1g"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("not measured");
        Model brd = xfsFilled(Targets.target(Filesystem.XFS, DeviceKind.BRD, MountOptions.NONE, 4096, 4096), 10);
        assertThatThrownBy(() -> brd.out("f", "fzero 0 1m"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("delayed-allocation");
    }

    /**
     * ext4 mounts ext2 without delayed allocation: a write allocates its data blocks and the
     * indirect block above them at once, both out of the free space.
     */
    @Test
    void ext2sIndirectBlocksComeOutOfTheFreeSpace() {
        Model m = new Model(
                Targets.target(Filesystem.EXT2, DeviceKind.BRD, MountOptions.NONE, 4096, 4096), Kernel.CORRECT, 14);
        m.out("f", "pwrite -b 52k 0 52k");
        assertThat(m.fs.freeBlocks()).as("13 data blocks and an indirect block").isZero();
        assertThat(m.out("f", "pwrite 52k 4k")).isEqualTo("pwrite: No space left on device\n");
    }

    /**
     * Writeback allocates the delayed blocks; a fifth extent then needs a leaf block of the
     * extent tree, which comes out of the free space with them.
     */
    @Test
    void writebackChargesTheExtentLeafAFifthExtentNeeds() {
        Model m = new Model(
                Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096), Kernel.CORRECT, 6);
        for (int i = 0; i < 5; i++) {
            m.out("f", "pwrite " + 8192 * i + " 4k");
        }
        assertThat(m.fs.freeBlocks()).as("five delayed blocks").isEqualTo(1);
        m.out("f", "fsync");
        assertThat(m.fs.freeBlocks()).as("five blocks and a leaf").isZero();
        assertThat(m.out("f", "pwrite 40k 4k")).isEqualTo("pwrite: No space left on device\n");
    }

    @Test
    void aFillLeavesExactlyWhatItIsAskedForAndNoMore() {
        Model m = new Model(EXT4, Kernel.CORRECT, 10);
        assertThatThrownBy(() -> m.fs.fillTo(11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only 10 are");
        m.fs.fillTo(10);
        assertThat(m.fs.freeBlocks()).isEqualTo(10);
    }

    /** The model predicts an xfs create from 64 free blocks on (XFS_CREATE_SPACE_RES). */
    @Test
    void creatingAnXfsFileWith64BlocksFreeIsPredicted() {
        Model m = xfsFilled(XFS, 64);
        m.out("g", "pwrite 0 4k");
        assertThat(m.inode("g").size()).isEqualTo(4096);
    }

    /**
     * xfs_file_fallocate() sets XFS_DIFLAG_PREALLOC (xfs_update_prealloc_flags()) only after
     * xfs_alloc_file_space() succeeded: a preallocation that got nothing at ENOSPC leaves
     * FS_XFLAG_PREALLOC clear.
     */
    @Test
    void anXfsPreallocationThatGotNothingLeavesNoPreallocFlag() {
        Model m = xfsFilled(XFS, 8);
        assertThat(m.out("f", "falloc 0 1m", "stat"))
                .contains("fallocate: No space left on device\n")
                .contains("fsxattr.xflags = 0x0 [-----------------]\n");
    }

    /**
     * A DAX write that fails at ENOSPC and ends at EOF is within EOF: the blocks
     * preallocated past EOF stay, as for any write inside EOF.
     */
    @Test
    void anExt4DaxWriteEndingAtEofAtEnospcKeepsThePreallocationPastEof() {
        Model m = new Model(EXT4, Kernel.CORRECT, 1);
        m.out("f", "truncate 8192", "falloc -k 8192 4096");
        assertThat(m.out("f", "pwrite -b 8k 0 8192")).isEqualTo("pwrite: No space left on device\n");
        assertThat(m.inode("f").size()).isEqualTo(8192);
        assertThat(m.inode("f").extents().mapped(2, 3)).isEqualTo(1);
    }

    /**
     * A short ext4 DAX write past EOF is predicted where no block lies past the EOF it
     * reaches: the preallocated blocks the write itself covers do not count.
     */
    @Test
    void anExt4DaxWriteShortPastEofOverItsOwnPreallocationIsPredicted() {
        Model m = new Model(EXT4, Kernel.CORRECT, 3);
        m.out("f", "falloc -k 0 8k");
        assertThat(m.out("f", "pwrite -b 16k 0 16k")).startsWith("wrote 12288/16384 bytes at offset 0\n");
        assertThat(m.inode("f").size()).isEqualTo(12288);
    }

    /** Found by daxspec explore on Linux 6.18 (see docs/explore.md). */
    @Test
    void ext4AtEnospcAfterExploration() {
        Target ext4 = Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096);
        // A fallocate that allocated nothing at ENOSPC leaves i_size alone: a mapping of it faults.
        Model none = new Model(ext4, Kernel.CORRECT, 0);
        assertThat(none.out("f", "falloc 4096 1")).contains("No space left on device");
        assertThat(none.inode("f").size()).isZero();
        // Zero range at ENOSPC keeps what it preallocated, and i_size with it.
        Model zero = new Model(ext4, Kernel.CORRECT, 6);
        zero.out("f", "fzero 0 25600");
        assertThat(zero.inode("f").size()).isEqualTo(24576);
        assertThat(zero.out("f", "pwrite 24575 2")).startsWith("wrote 1/2 bytes");
    }

    /**
     * ext4_da_write_begin(): a page past i_size that finds no space has
     * ext4_truncate_failed_write() free the blocks past EOF, preallocated ones too, and
     * ext4_should_retry_alloc() lets the page try again with them.
     */
    @Test
    void ext4PageCacheWritePastEofAtEnospcTakesThePreallocationPastEof() {
        Target ext4 = Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096);
        Model m = new Model(ext4, Kernel.CORRECT, 7);
        assertThat(m.out("f", "falloc -k 0 29179")).isEqualTo("fallocate: No space left on device\n");
        assertThat(m.inode("f").extents().mapped()).isEqualTo(7);
        assertThat(m.out("f", "pwrite 28672 1")).startsWith("wrote 1/1 bytes at offset 28672\n");
        assertThat(m.inode("f").extents().mapped(0, 7)).isZero();
        assertThat(m.fs.freeBlocks()).isEqualTo(6);
        // The retry gets only what was freed: 3 blocks for a write of 4 past EOF.
        Model some = new Model(ext4, Kernel.CORRECT, 3);
        some.out("f", "falloc -k 0 12777");
        assertThat(some.out("f", "pwrite -b 16k 16384 16384")).startsWith("wrote 12288/16384 bytes at offset 16384\n");
        assertThat(some.inode("f").size()).isEqualTo(28672);
        assertThat(some.inode("f").extents().mapped(0, 4)).isZero();
    }

    /** The failing page within i_size truncates nothing: the blocks past EOF stay and the write fails. */
    @Test
    void ext4WriteFailingWithinEofKeepsThePreallocationPastEof() {
        for (Target t :
                new Target[] {EXT4, Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096)}) {
            Model m = new Model(t, Kernel.CORRECT, 2);
            m.out("f", "truncate 40960");
            m.out("f", "falloc -k 40960 8192");
            assertThat(m.out("f", "pwrite 0 4096")).isEqualTo("pwrite: No space left on device\n");
            assertThat(m.inode("f").extents().mapped(10, 12)).isEqualTo(2);
        }
    }

    /**
     * ext4_dax_write_iter() at ENOSPC past EOF: 6.1 moved i_size by the negative return
     * where B9 leaves it, so the model refuses where that or the blocks past EOF show, and
     * predicts the failing chunk at EOF as recorded (enospc-chunk-fails).
     */
    @Test
    void ext4DaxWritePastEofAtEnospcIsRefusedWhereKernelsDiffer() {
        Model past = new Model(EXT4, Kernel.CORRECT, 1);
        past.out("f", "falloc -k 4096 4596");
        assertThatThrownBy(() -> past.out("f", "pwrite 0 1"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("DAX write past EOF");
        Model gap = new Model(EXT4, Kernel.CORRECT, 0);
        assertThatThrownBy(() -> gap.out("f", "pwrite 8192 1")).isInstanceOf(Unpredictable.class);
        Model atEof = new Model(EXT4, Kernel.CORRECT, 1);
        assertThat(atEof.out("f", "pwrite 0 8192")).isEqualTo("pwrite: No space left on device\n");
        assertThat(atEof.inode("f").size()).isEqualTo(4096);
    }
}

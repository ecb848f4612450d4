package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** B8 and B10: preallocation is unwritten and reads zeros; punch and zero range edge rules. */
class FallocateRulesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void preallocatedBlocksAreUnwrittenAndReadZeros(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        var r = m.xfsIo("f", "falloc " + (bs / 2) + " " + 2 * bs);
        if (t.fs() == Filesystem.EXT2) {
            assertThat(r.output()).isEqualTo("fallocate: Operation not supported\n");
            assertThat(r.exitStatus()).isEqualTo(1);
            assertThat(m.inode("f").size()).isZero();
            return;
        }
        // [bs/2, 2.5 bs) rounds out to blocks 0, 1 and 2.
        assertThat(m.inode("f").extents().runs()).hasSize(1);
        assertThat(m.inode("f").extents().mapped()).isEqualTo(3);
        assertThat(m.inode("f").extents().state(0)).isEqualTo(BlockState.UNWRITTEN);
        assertThat(m.inode("f").size()).isEqualTo(bs / 2 + 2L * bs);
        assertThat(m.read("f", 0, 3 * bs)).containsOnly(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void keepSizePreallocatesPastEofWithoutGrowingTheFile(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        if (m.xfsIo("f", "pwrite 0 10", "falloc -k 0 " + 4 * bs).exitStatus() != 0) {
            return;
        }
        assertThat(m.inode("f").size()).isEqualTo(10);
        assertThat(m.inode("f").extents().mapped()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void punchFreesWholeBlocksAndZeroesTheEdgesOfTheRange(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        m.out("f", "pwrite -S 0x61 0 " + 4 * bs, "fsync", "fpunch " + (bs / 2) + " " + 2 * bs);
        // [bs/2, 2.5 bs): block 1 is freed; blocks 0 and 2 stay, zeroed inside the range.
        assertThat(m.inode("f").extents().state(0)).isEqualTo(BlockState.WRITTEN);
        assertThat(m.inode("f").extents().state(1)).isNull();
        assertThat(m.inode("f").extents().state(2)).isEqualTo(BlockState.WRITTEN);
        byte[] b = m.read("f", 0, 4 * bs);
        for (int i = 0; i < b.length; i++) {
            boolean punched = i >= bs / 2 && i < bs / 2 + 2 * bs;
            assertThat(b[i]).as("byte %d", i).isEqualTo(punched ? (byte) 0 : (byte) 0x61);
        }
        assertThat(m.inode("f").size()).isEqualTo(4L * bs);
    }

    /**
     * ext4_punch_hole() punches nothing at or past i_size and stops a range that runs past
     * it at the end of the EOF page; xfs_free_file_space() frees whatever the range covers.
     */
    @Test
    void aPunchPastEofFreesPreallocationOnXfsOnly() {
        for (Filesystem fs : new Filesystem[] {Filesystem.EXT4, Filesystem.XFS}) {
            Model m = new Model(Targets.target(fs, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
            m.out("f", "pwrite 0 100", "falloc -k 4096 64k", "fpunch 0 1m");
            long left = m.inode("f").extents().mapped();
            // ext4 clamps the range to [0, 4096), the page holding i_size: the 16
            // preallocated blocks past it stay.
            assertThat(left).as(fs.toString()).isEqualTo(fs == Filesystem.EXT4 ? 16 : 0);
            m.out("g", "pwrite 0 8192", "falloc -k 8192 64k", "fpunch 4096 1m");
            // i_size 8192 is page aligned: ext4's range ends one page past it, freeing block 2.
            assertThat(m.inode("g").extents().state(2)).as(fs.toString()).isNull();
            assertThat(m.inode("g").extents().state(3))
                    .as(fs.toString())
                    .isEqualTo(fs == Filesystem.EXT4 ? BlockState.UNWRITTEN : null);
        }
    }

    /**
     * ext4_punch_hole() ends a range past EOF at the end of the page holding i_size only when
     * the range does reach past EOF ("offset + length > inode->i_size"), and that page end is
     * in bytes: with 1 KiB blocks and i_size 3000 it frees blocks 1 to 3, not the
     * preallocated blocks from 4 on.
     */
    @Test
    void ext4ClampsAPunchPastEofToTheEofPageInBytes() {
        Model atEof = new Model(Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
        atEof.out("f", "pwrite 0 8k", "falloc -k 8k 8k", "fpunch 4k 4k");
        assertThat(atEof.inode("f").extents().state(1)).isNull();
        assertThat(atEof.inode("f").extents().state(2)).isEqualTo(BlockState.UNWRITTEN);
        Model small = new Model(Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 1024));
        small.out("f", "pwrite 0 3000", "falloc -k 3000 8k", "fpunch 1024 64k");
        assertThat(small.inode("f").extents().mapped(1, 4)).isZero();
        assertThat(small.inode("f").extents().mapped(4, 11)).isEqualTo(7);
    }

    /**
     * A punch from inside EOF to past it: ext4 zeroes the rest of the partial block,
     * past EOF too (ext4_zero_partial_blocks() up to the clamped end), so what a mapping
     * stored past EOF is gone; xfs_free_file_space() zeroes only up to i_size ("we must take
     * care not to zero beyond EOF"), and the stored bytes stay in the EOF page.
     */
    @Test
    void aPunchPastEofZeroesPastEofOnExt4OnlyUpToEofOnXfs() {
        for (Filesystem fs : new Filesystem[] {Filesystem.EXT4, Filesystem.XFS}) {
            Model m = new Model(Targets.target(fs, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
            String out = m.out(
                    "f", "pwrite -S 0x61 0 100", "mmap 0 4k", "mwrite -S 0x62 100 10", "fpunch 50 8k", "mread -v 96 8");
            assertThat(out)
                    .as(fs.toString())
                    .endsWith(
                            fs == Filesystem.EXT4
                                    ? "00000060:  00 00 00 00 00 00 00 00  ........\n"
                                    : "00000060:  00 00 00 00 62 62 62 62  ....bbbb\n");
        }
    }

    /** B6: a zero range that grows the file zeroes first what a mapping stored past the old EOF. */
    @Test
    void aZeroRangeThatGrowsTheFileExposesNothingStoredPastEof() {
        for (Filesystem fs : new Filesystem[] {Filesystem.EXT4, Filesystem.XFS}) {
            Model m = new Model(Targets.target(fs, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
            m.out("f", "pwrite -S 0x61 0 100", "mmap 0 4k", "mwrite -S 0x62 100 10", "munmap", "fzero 200 100");
            assertThat(m.inode("f").size()).isEqualTo(300);
            assertThat(m.fs.readData(m.inode("f"), 100, 200)).as(fs.toString()).containsOnly(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void zeroRangeLeavesUnwrittenInteriorZeroedEdgesAndGrowsTheFile(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        m.out("f", "pwrite -S 0x61 0 " + 3 * bs, "fsync");
        var r = m.xfsIo("f", "fzero " + (bs / 2) + " " + 4 * bs);
        if (t.fs() == Filesystem.EXT2) {
            assertThat(r.output()).isEqualTo("fallocate: Operation not supported\n");
            // fzero_f() does not set the exit status when fallocate fails.
            assertThat(r.exitStatus()).isZero();
            return;
        }
        // [bs/2, 4.5 bs): blocks 1..3 unwritten, block 0 written with its tail zeroed, block 4 preallocated.
        assertThat(m.inode("f").extents().state(0)).isEqualTo(BlockState.WRITTEN);
        for (int b = 1; b <= 4; b++) {
            assertThat(m.inode("f").extents().state(b)).as("block %d", b).isEqualTo(BlockState.UNWRITTEN);
        }
        assertThat(m.inode("f").size()).isEqualTo(bs / 2 + 4L * bs);
        byte[] b = m.read("f", 0, 5 * bs);
        for (int i = 0; i < b.length; i++) {
            assertThat(b[i]).as("byte %d", i).isEqualTo(i < bs / 2 ? (byte) 0x61 : (byte) 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#x86")
    void badRangesAreEinval(Target t) {
        Model m = new Model(t);
        assertThat(m.out("f", "falloc 0 0")).isEqualTo("fallocate: Invalid argument\n");
        assertThat(m.out("f", "fpunch 4096 0")).isEqualTo("fallocate: Invalid argument\n");
    }
}

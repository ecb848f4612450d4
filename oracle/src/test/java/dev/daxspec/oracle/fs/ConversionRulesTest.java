package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import org.junit.jupiter.api.Test;

/** B8: how a DAX write converts unwritten extents (ext4_ext_convert_to_initialized, xfs CONVERT). */
class ConversionRulesTest {

    private static Model ext4() {
        return new Model(Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
    }

    private static String states(Model m, int blocks) {
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < blocks; b++) {
            BlockState s = m.inode("f").extents().state(b);
            sb.append(s == null ? '.' : s == BlockState.WRITTEN ? 'W' : 'u');
        }
        return sb.toString();
    }

    /** Measured on 6.1: falloc 0 16k then a 100-byte write in block 1 leaves all 16k written. */
    @Test
    void ext4ZeroesOutASmallExtentInsteadOfSplittingIt() {
        Model m = ext4();
        m.out("f", "falloc 0 16k", "pwrite 5000 100");
        assertThat(states(m, 4)).isEqualTo("WWWW");
        assertThat(m.read("f", 0, 16384)).hasSize(16384);
    }

    @Test
    void ext4SplitsALargeExtentAroundTheWrite() {
        Model m = ext4();
        m.out("f", "falloc 0 1m", "pwrite 512k 1");
        assertThat(states(m, 256)).isEqualTo("u".repeat(128) + "W" + "u".repeat(127));
    }

    /** Within 32 KiB of the extent's start the head is zeroed out with the write. */
    @Test
    void ext4ZeroesTheHeadWhenTheWriteIsNearTheStart() {
        Model m = ext4();
        m.out("f", "falloc 0 1m", "pwrite 8k 1");
        assertThat(states(m, 4)).isEqualTo("WWWu");
    }

    /** An extent past i_size (KEEP_SIZE) is never zeroed out: only the mapped block converts. */
    @Test
    void ext4DoesNotZeroOutPastEof() {
        Model m = ext4();
        m.out("f", "falloc -k 0 16k", "pwrite 5000 100");
        assertThat(states(m, 4)).isEqualTo("uWuu");
    }

    /** The fast path: blocks at the start of the extent move into the written extent before it. */
    @Test
    void ext4MovesBlocksIntoAWrittenNeighbour() {
        Model m = ext4();
        m.out("f", "pwrite 0 4k", "falloc 4k 16k", "pwrite 4k 1");
        assertThat(states(m, 5)).isEqualTo("WWuuu");
    }

    @Test
    void xfsConvertsOnlyTheMappedBlocks() {
        Model m = new Model(Targets.target(Filesystem.XFS, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
        m.out("f", "falloc 0 16k", "pwrite 5000 100");
        assertThat(states(m, 4)).isEqualTo("uWuu");
    }

    /** xfs_io writes in 4 KiB calls; ext4 converts per call, so the chunks matter. */
    @Test
    void ext4ConvertsPerSystemCall() {
        Model m = ext4();
        m.out("f", "falloc 0 1m", "pwrite -b 4k 64k 8k");
        assertThat(states(m, 20)).isEqualTo("u".repeat(16) + "WW" + "uu");
    }

    /** The fast path on the other side: blocks at the end of the extent move into the written extent after it. */
    @Test
    void ext4MovesBlocksIntoAWrittenNeighbourAfterTheExtent() {
        Model m = ext4();
        m.out("f", "pwrite 16k 4k", "falloc 0 16k", "pwrite 12k 1");
        assertThat(states(m, 5)).isEqualTo("uuuWW");
    }

    /**
     * ext4_ext_convert_to_initialized() zeroes out only when the extent reaches past the
     * write ("allocated > map->m_len"): a write to the extent's last block, with no written
     * block after it, splits the extent and converts that block alone.
     */
    @Test
    void ext4SplitsOffTheLastBlockOfAnExtentWithoutZeroingTheHead() {
        Model m = ext4();
        m.out("f", "truncate 32k", "falloc 0 16k", "pwrite 12k 1");
        assertThat(states(m, 5)).isEqualTo("uuuW.");
    }

    /**
     * An extent that starts past block 0: the zeroout is measured from the extent's start,
     * so a write into its second block converts the whole 16 KiB extent and nothing beside it.
     */
    @Test
    void ext4ZeroesOutAnExtentMeasuredFromItsOwnStart() {
        Model m = ext4();
        m.out("f", "truncate 32k", "falloc 8k 16k", "pwrite 12k 1");
        assertThat(states(m, 8)).isEqualTo("..WWWW..");
    }

    /** The zeroout zeroes the blocks it converts and no others: the written block after them keeps its data. */
    @Test
    void ext4ZeroesOnlyTheBlocksItConverts() {
        Model m = ext4();
        m.out("f", "pwrite -S 0x61 16k 4k", "falloc 8k 8k", "pwrite 8k 1");
        assertThat(states(m, 5)).isEqualTo("..WWW");
        assertThat(m.read("f", 16384, 4096)).containsOnly(0x61);
    }
}

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
}

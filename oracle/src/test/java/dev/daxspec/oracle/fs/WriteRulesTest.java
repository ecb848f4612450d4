package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** B1 and B8: a write lands where it was aimed, whatever the offset; new blocks read zero elsewhere. */
class WriteRulesTest {

    static Stream<Arguments> offsets() {
        return Targets.all().stream().flatMap(t -> {
            int page = t.pageSize();
            int bs = t.blockSize();
            return Stream.of(0L, 1L, bs - 1L, (long) bs, page - 1L, (long) page, page + 1L, 3L * page - 7)
                    .distinct()
                    .map(off -> Arguments.of(t, off));
        });
    }

    @ParameterizedTest(name = "{0}: pwrite at {1}")
    @MethodSource("offsets")
    void aWriteLandsAtItsOffset(Target t, long off) {
        Model m = new Model(t);
        m.out("f", "pwrite -S 0x61 " + off + " 100");
        assertThat(m.inode("f").size()).isEqualTo(off + 100);
        byte[] all = m.read("f", 0, (int) (off + 100));
        byte[] zeros = new byte[(int) off];
        byte[] pattern = new byte[100];
        Arrays.fill(pattern, (byte) 0x61);
        assertThat(Arrays.copyOfRange(all, 0, (int) off)).isEqualTo(zeros);
        assertThat(Arrays.copyOfRange(all, (int) off, (int) off + 100)).isEqualTo(pattern);
    }

    /**
     * xip-write-ignores-page-offset changes what a DAX file holds exactly when the write
     * does not start on a page boundary, and never touches a page-cache file.
     */
    @ParameterizedTest(name = "{0}: pwrite at {1}")
    @MethodSource("offsets")
    void theXipBugMisplacesExactlyTheUnalignedDaxWrites(Target t, long off) {
        Model right = new Model(t);
        Model buggy = new Model(t, Kernel.with(Bug.XIP_WRITE_IGNORES_PAGE_OFFSET));
        for (Model m : new Model[] {right, buggy}) {
            m.out("f", "pwrite -S 0x61 " + off + " 100");
        }
        int len = (int) (off + 100);
        boolean affected = right.inode("f").dax() && off % t.pageSize() != 0;
        if (affected) {
            assertThat(buggy.read("f", 0, len)).isNotEqualTo(right.read("f", 0, len));
            assertThat(buggy.read("f", off - off % t.pageSize(), 1)[0]).isEqualTo((byte) 0x61);
        } else {
            assertThat(buggy.read("f", 0, len)).isEqualTo(right.read("f", 0, len));
        }
        assertThat(buggy.inode("f").size()).isEqualTo(right.inode("f").size());
    }

    /**
     * Each page's part of a write that crosses pages goes to the start of that page on the
     * XIP variant: of {@code pwrite 4000 200}, 96 bytes to 0..95 and 104 to 4096..4199.
     */
    @Test
    void theXipBugPutsEachPagesPartAtThePageStart() {
        Model buggy = new Model(
                Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096),
                Kernel.with(Bug.XIP_WRITE_IGNORES_PAGE_OFFSET));
        buggy.out("f", "pwrite -S 0x62 4000 200");
        byte[] data = buggy.read("f", 0, 4200);
        for (int i = 0; i < data.length; i++) {
            boolean written = i < 96 || i >= 4096;
            assertThat(data[i]).as("byte %d", i).isEqualTo(written ? (byte) 0x62 : 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void daxWritesAllocateWrittenBlocksAndPageCacheWritesDelayThem(Target t) {
        Model m = new Model(t);
        m.out("f", "pwrite 1 1");
        BlockState s = m.inode("f").extents().state(0);
        // ext4 mounts ext2 without delayed allocation (ext4_set_aops()).
        boolean delayed = !m.inode("f").dax() && t.fs() != Filesystem.EXT2;
        assertThat(s).isEqualTo(delayed ? BlockState.DELALLOC : BlockState.WRITTEN);
        m.out("f", "fsync");
        assertThat(m.inode("f").extents().state(0)).isEqualTo(BlockState.WRITTEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void writingIntoAnUnwrittenExtentConvertsThatBlockAndTheRestStaysZero(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        if (m.xfsIo("f", "falloc 0 " + 4 * bs).exitStatus() != 0) {
            assertThat(t.fs()).isEqualTo(Filesystem.EXT2);
            return;
        }
        m.out("f", "pwrite -S 0x62 " + (bs + 3) + " 5", "fsync");
        // ext4 converts a small unwritten extent whole on a DAX write when it is within its
        // 32 KiB zeroout window, as these four 4 KiB blocks are (ConversionRulesTest).
        BlockState around = m.inode("f").dax() && t.fs() == Filesystem.EXT4 && bs == 4096
                ? BlockState.WRITTEN
                : BlockState.UNWRITTEN;
        assertThat(m.inode("f").extents().state(0)).isEqualTo(around);
        assertThat(m.inode("f").extents().state(1)).isEqualTo(BlockState.WRITTEN);
        assertThat(m.inode("f").extents().state(2)).isEqualTo(around);
        byte[] b = m.read("f", 0, 4 * bs);
        for (int i = 0; i < b.length; i++) {
            assertThat(b[i]).as("byte %d", i).isEqualTo(i >= bs + 3 && i < bs + 8 ? (byte) 0x62 : (byte) 0);
        }
    }
}

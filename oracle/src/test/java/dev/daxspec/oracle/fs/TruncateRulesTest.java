package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Partial blocks at EOF: truncate zeroes what it cuts, and growing exposes only zeros (B6). */
class TruncateRulesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void truncateDownThenUpReadsZerosPastTheOldCut(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        long cut = bs + bs / 2 + 3;
        m.out("f", "pwrite -S 0x61 0 " + 3 * bs, "truncate " + cut, "truncate " + 3 * bs);
        byte[] b = m.read("f", 0, 3 * bs);
        for (int i = 0; i < b.length; i++) {
            assertThat(b[i]).as("byte %d", i).isEqualTo(i < cut ? (byte) 0x61 : (byte) 0);
        }
        assertThat(m.inode("f").size()).isEqualTo(3L * bs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void truncateDownFreesWholeBlocksPastTheNewEofAndKeepsThePartialOne(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        m.out("f", "pwrite 0 " + 4 * bs, "fsync", "truncate " + (bs + 1));
        assertThat(m.inode("f").extents().mapped()).isEqualTo(2);
        m.out("f", "truncate 0");
        assertThat(m.inode("f").extents().mapped()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void truncateUpAllocatesNothing(Target t) {
        Model m = new Model(t);
        m.out("f", "truncate 1g");
        assertThat(m.inode("f").extents().mapped()).isZero();
        assertThat(m.fs.stat(m.inode("f")).blocks()).isZero();
        assertThat(m.read("f", (1L << 30) - 10, 10)).containsOnly(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#all")
    void truncateToTheSameSizeDropsPreallocationPastEof(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        if (m.xfsIo("f", "pwrite 0 " + bs, "falloc -k " + bs + " " + 4 * bs).exitStatus() != 0) {
            return; // ext2: no preallocation to drop (FallocateRulesTest covers the refusal)
        }
        assertThat(m.inode("f").extents().mapped()).isEqualTo(5);
        m.out("f", "truncate " + bs);
        assertThat(m.inode("f").extents().mapped()).isEqualTo(1);
    }

    /**
     * do_sys_ftruncate(): "if (length < 0) return -EINVAL". xfs_io's cvtnum() refuses a
     * negative size before the call, so only the model's own callers can ask.
     */
    @Test
    void aNegativeSizeIsEinvalAndChangesNothing() {
        Model m = new Model(Targets.x86().get(0));
        m.out("f", "pwrite 0 100");
        assertThat(m.fs.truncate(m.inode("f"), -1)).isEqualTo(SysRet.error(Errno.EINVAL));
        assertThat(m.inode("f").size()).isEqualTo(100);
    }
}

package dev.daxspec.oracle.explore;

import static org.assertj.core.api.Assertions.fail;

import dev.daxspec.oracle.fs.Capacity;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.fs.Inode;
import dev.daxspec.oracle.fs.MountRules;
import dev.daxspec.oracle.fs.Unpredictable;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.RangeMap;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Targets;
import dev.daxspec.oracle.xfsio.Invocation;
import dev.daxspec.oracle.xfsio.XfsIo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random command sequences against the model's invariants, checked after every command
 * by a naive {@link ReferenceFile}: reads return the last write or zeros, i_size follows
 * the size rules, and the blocks holding written data are exactly the ones written and
 * not since freed or zeroed. A failure is shrunk and reported with its seed and the
 * minimal sequence as xfs_io commands. {@code -Ddaxspec.seed=N} replays one seed.
 */
class RandomSequenceTest {

    private static final int SEQUENCES = Integer.getInteger("daxspec.sequences", 100);
    private static final int LENGTH = 40;

    static Stream<Target> targets() {
        List<Target> t = new ArrayList<>(Targets.x86());
        t.add(Targets.target(Filesystem.EXT2, DeviceKind.BRD, MountOptions.NONE, 4096, 1024));
        t.add(Targets.target(Filesystem.XFS, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 65536, 65536));
        return t.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void invariantsHoldForRandomSequences(Target t) {
        long span = Math.min(2 * t.geometry().pmdSize() + 4 * t.pageSize(), 4L << 20);
        RandomOps gen = new RandomOps(t.geometry(), span);
        Long only = Long.getLong("daxspec.seed");
        long base = 0x5eed0000L + t.hashCode();
        for (int i = 0; i < (only != null ? 1 : SEQUENCES); i++) {
            long seed = only != null ? only : base + i;
            List<Op> ops = gen.sequence(seed, LENGTH);
            String failure = violation(t, ops, span);
            if (failure != null) {
                List<Op> minimal = Shrinker.shrink(ops, s -> violation(t, s, span) != null, 3000);
                StringBuilder sb = new StringBuilder("seed " + seed + " on " + t + ": " + violation(t, minimal, span)
                        + "\nminimal sequence (xfs_io -f");
                for (Op op : minimal) {
                    sb.append(" -c \"").append(op).append('"');
                }
                fail(sb.append(" f)").toString());
            }
        }
    }

    /** The first broken invariant running {@code ops} on a fresh file, or null. */
    static String violation(Target t, List<Op> ops, long span) {
        FileSystem fs = new FileSystem(
                t, Kernel.CORRECT, MountRules.mount(t, Kernel.CORRECT).policy(), Capacity.exactly(1L << 40));
        ReferenceFile ref = new ReferenceFile(t, (int) (span + 8L * t.pageSize()));
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            try {
                XfsIo.run(fs, new Invocation(true, false, "f", List.of(op)));
            } catch (Unpredictable e) {
                if (op instanceof Seek) {
                    continue;
                }
                throw e;
            }
            ref.apply(op);
            String v = compare(fs, fs.lookup("f").orElseThrow(), ref, t);
            if (v != null) {
                return "after command " + (i + 1) + " (" + op + "): " + v;
            }
        }
        return null;
    }

    private static String compare(FileSystem fs, Inode ip, ReferenceFile ref, Target t) {
        if (ip.size() != ref.size) {
            return "i_size " + ip.size() + ", expected " + ref.size;
        }
        // The model stores runs, not bytes; the reference file is small enough to compare byte by byte.
        byte[] got = ip.data().read(0, (int) ref.size);
        for (int p = 0; p < ref.size; p++) {
            if (got[p] != ref.data[p]) {
                return "byte " + p + " reads " + got[p] + ", expected " + ref.data[p];
            }
        }
        // Blocks holding data: written or delalloc, or unwritten under dirty page cache
        // (writeback converts them).
        BitSet holding = new BitSet();
        for (RangeMap.Run<BlockState> r : ip.extents().runs()) {
            for (long b = r.start(); b < r.end(); b++) {
                if (r.value() != BlockState.UNWRITTEN || ip.dirty(b)) {
                    holding.set((int) b);
                }
            }
        }
        BitSet missing = (BitSet) ref.written.clone();
        missing.andNot(holding);
        if (!missing.isEmpty()) {
            int b = missing.nextSetBit(0);
            return "block " + b + " holds written data but is " + ip.extents().state(b);
        }
        // A block may hold data the reference did not write only as zeros: ext4 converts
        // small unwritten extents whole on a DAX write (ext4_ext_convert_to_initialized).
        BitSet extra = (BitSet) holding.clone();
        extra.andNot(ref.written);
        int bs = t.blockSize();
        for (int b = extra.nextSetBit(0); b >= 0; b = extra.nextSetBit(b + 1)) {
            for (byte x : ip.data().read((long) b * bs, bs)) {
                if (x != 0) {
                    return "block " + b + " holds data nobody wrote";
                }
            }
        }
        return null;
    }
}

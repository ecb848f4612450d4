package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import java.util.Map;

/**
 * How many blocks a fresh filesystem gives root's files, data and metadata together.
 * That depends on everything mkfs and the kernel set aside (inode tables, the journal or
 * log, ext4's s_resv_clusters, xfs's reserve pool and per-AG reservations), so the model
 * does not derive it: it is measured on the real kernel for the targets the conformance
 * cases use and kept in {@link #MEASURED}. Any other target gets an estimate, and a
 * prediction that would depend on where the estimate puts ENOSPC is refused
 * ({@link Unpredictable}) instead of guessed.
 *
 * @param blocks filesystem blocks available
 * @param known whether {@code blocks} is a measurement (or set by the program itself)
 */
public record Capacity(long blocks, boolean known) {

    /**
     * Measured blocks available to root's files on a fresh filesystem, by
     * {@code fs/sizeMiB/blockSize} (pmem and brd give the same): ext4's statfs f_bfree
     * less /sys/fs/ext4/DEV/reserved_clusters (s_resv_clusters, min(2%, 4096)), which
     * a fill of the filesystem reaches exactly; xfs's f_bfree, from which each
     * allocation must also leave its bmap btree reserve. Debian 6.1.0-56, e2fsprogs
     * 1.47.0, xfsprogs 6.1.0; checked by CapacityTest in the vm test group.
     */
    static final Map<String, Long> MEASURED = Map.of(
            "ext4/512/4096", 124719L - 2621,
            "ext4/64/4096", 14319L - 327,
            "ext4/32/4096", 6643L - 163,
            "xfs/512/4096", 107257L,
            "xfs/300/4096", 56075L);

    public static Capacity of(Target t) {
        Long m = MEASURED.get(key(t));
        return m != null ? new Capacity(m, true) : new Capacity(estimate(t), false);
    }

    /** A capacity the program fixed itself, e.g. by filling the filesystem to a known free count. */
    public static Capacity exactly(long blocks) {
        return new Capacity(blocks, true);
    }

    static String key(Target t) {
        return t.fs() + "/" + (t.device().size() >> 20) + "/" + t.blockSize();
    }

    /** Throws {@link Unpredictable} unless the capacity is known. */
    void requireKnown(Target t) {
        if (!known) {
            throw new Unpredictable("this runs out of space, and the free space of a fresh " + t.fs() + " on "
                    + t.device() + " with " + t.blockSize() + "-byte blocks is not measured (about " + blocks
                    + " blocks); fill the filesystem to a known free count first, or measure it");
        }
    }

    /**
     * A rough count: device blocks less inode tables, journal and reserve. Only ever used
     * while no ENOSPC depends on it.
     */
    private static long estimate(Target t) {
        long bs = t.blockSize();
        long total = t.device().size() / bs;
        if (t.fs() == Filesystem.XFS) {
            // log (~2%+), AG headers, the reserve pool (5%, at most 8192 blocks), per-AG reservations
            return total - Math.min(total / 20, 8192) - total / 50;
        }
        long inodeRatio = t.device().size() < (512L << 20) ? 4096 : 16384;
        long inodeBlocks = t.device().size() / inodeRatio * 256 / bs;
        long journal = t.fs() == Filesystem.EXT2 ? 0 : total < 32768 ? 1024 : total < 262144 ? 4096 : 8192;
        long resv = Math.min(total / 50, 4096);
        return total - inodeBlocks - journal - resv - total / 1024;
    }
}

package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.RangeMap;
import dev.daxspec.oracle.target.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * A filesystem's free space: the blocks its files take (data and metadata, {@link
 * FsProfile#metadataBlocks}) out of its {@link Capacity}, how far an allocation gets before
 * ENOSPC, and freeing blocks. Not thread-safe.
 */
final class Allocator {

    private final Target target;
    private final Geometry g;
    private final FsProfile profile;
    private Capacity capacity;
    private long used;

    Allocator(Target target, FsProfile profile, Capacity capacity) {
        this.target = target;
        this.g = target.geometry();
        this.profile = profile;
        this.capacity = capacity;
    }

    Capacity capacity() {
        return capacity;
    }

    /** Blocks still free for file data and metadata. */
    long freeBlocks() {
        return capacity.blocks() - used;
    }

    /** The free count {@link FsProfile#checkCreate} judges a new file by: unbounded while it is not known. */
    long freeBlocksForCreate() {
        return capacity.known() ? freeBlocks() : Long.MAX_VALUE;
    }

    /** After a fill: exactly {@code free} blocks are left, and the free count is known from now on. */
    void leaveFree(long free) {
        capacity = Capacity.exactly(used + free);
    }

    /**
     * Whether {@code needed} new blocks fit with the allocation's reserve ({@link
     * FsProfile#allocationReserve}); when they do not, the prediction needs a known capacity
     * ({@link Unpredictable} otherwise).
     */
    boolean fits(long needed) {
        if (needed + profile.allocationReserve(g) > freeBlocks()) {
            capacity.requireKnown(target);
            return false;
        }
        return true;
    }

    /**
     * The block index up to which an allocation of blocks {@code [first, end)} gets space.
     * ext4 allocates block by block as long as space lasts (ext4_mb_new_blocks() halves
     * its request until it fits); xfs reserves each hole run in one transaction with room
     * for bmap btree splits (xfs_iomap_write_direct(), xfs_alloc_file_space():
     * XFS_DIOSTRAT_SPACE_RES) and gets none of the run when that does not fit.
     */
    long allocationLimit(Inode ip, long first, long end) {
        long free = freeBlocks();
        long pos = first;
        while (pos < end) {
            RangeMap.Run<BlockState> run = ip.extents.nextRun(pos);
            long holeEnd = run == null ? end : Math.min(end, run.start());
            if (holeEnd > pos) {
                long hole = holeEnd - pos;
                long reserve = profile.allocationReserve(g);
                if (hole + reserve > free) {
                    capacity.requireKnown(target);
                    profile.checkPredictableAtEnospc(ip.extents.mapped() + hole, ip.dax(), g);
                    return profile.allocatesPartially() ? pos + Math.max(0, free - reserve) : pos;
                }
                free -= hole;
                pos = holeEnd;
                continue;
            }
            pos = Math.min(end, run.end());
        }
        return end;
    }

    /** Frees blocks: they read as a hole; the device keeps what they held. */
    void free(Inode ip, long first, long end) {
        ip.extents.clear(first, end);
        long from = first * g.blockSize();
        long to = end == Long.MAX_VALUE ? Long.MAX_VALUE : end * g.blockSize();
        ip.data.zero(from, to - from);
    }

    /** Brings the blocks {@code ip} takes from the free space up to date with its block map. */
    void recharge(Inode ip) {
        long now = ip.extents.mapped() + profile.metadataBlocks(ip.extents, g);
        used += now - ip.charge;
        ip.charge = now;
    }

    /** The holes in blocks {@code [first, end)}, as runs with a null value. */
    static List<RangeMap.Run<BlockState>> holes(Inode ip, long first, long end) {
        List<RangeMap.Run<BlockState>> out = new ArrayList<>();
        long pos = first;
        for (RangeMap.Run<BlockState> r : ip.extents.runs(first, end)) {
            if (r.start() > pos) {
                out.add(new RangeMap.Run<>(pos, r.start(), null));
            }
            pos = r.end();
        }
        if (pos < end) {
            out.add(new RangeMap.Run<>(pos, end, null));
        }
        return out;
    }

    /** How many blocks of {@code [first, end)} are holes. */
    static long holeBlocks(Inode ip, long first, long end) {
        long n = 0;
        for (RangeMap.Run<BlockState> hole : holes(ip, first, end)) {
            n += hole.length();
        }
        return n;
    }
}

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

    /** ext4_mb_normalize_request(): files above 1 MiB and up to 4 MiB get a 2 MiB window. */
    private static final long WINDOW_MIN_SIZE = 1L << 20;

    private static final long WINDOW_MAX_SIZE = 4L << 20;

    private final Target target;
    private final Geometry g;
    private final FsProfile profile;
    private Capacity capacity;
    private long used;
    /** A fill left the free space in pieces ({@link #leaveFree}). */
    private boolean filled;

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
        filled = true;
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

    /**
     * Frees blocks: they read as a hole; the device keeps what they held. A 2 MiB range
     * that loses blocks is no longer known to be one aligned extent: what a later
     * allocation puts there lands wherever mballoc finds room then. On 6.1 a PMD fault
     * over the refilled range fell back after a 4 KiB punch and a 4 KiB write (with an
     * fsync between them too) and after a truncate to 1 MiB and a 1 MiB write, but mapped
     * a PMD with an fsync between the truncate and the write: ext4 reuses freed blocks only
     * once the journal commit has returned them (ext4_free_data_in_buddy()), so no rule.
     * ext4_punch_hole() and ext4_truncate() also drop the inode's preallocations
     * (ext4_discard_preallocations()).
     */
    void free(Inode ip, long first, long end) {
        long bpp = g.pmdSize() / g.blockSize();
        for (RangeMap.Run<BlockState> r : ip.extents.runs(first, end)) {
            for (long pmd = r.start() / bpp; pmd <= (r.end() - 1) / bpp; pmd++) {
                ip.pmdAligned.remove(pmd);
            }
        }
        ip.pmdWindows.clear();
        ip.extents.clear(first, end);
        long from = first * g.blockSize();
        long to = end == Long.MAX_VALUE ? Long.MAX_VALUE : end * g.blockSize();
        ip.data.zero(from, to - from);
    }

    /**
     * Where ext4 puts one allocation request of a DAX file, the holes {@code [first, end)}
     * (a write(2)'s or a write fault's), with respect to 2 MiB: called before they are
     * allocated. ext4_mb_normalize_request() widens a data request of a file of more than
     * 1 MiB and at most 4 MiB (i_size, or the request's end) to the 2 MiB window of the file
     * around it, aligned in the file; over a 2 MiB range that is all hole with no allocated
     * block right beside it (else it asks for the blocks beside the neighbour,
     * EXT4_MB_HINT_TRY_GOAL), that power-of-two request is a buddy of order 9 in the first
     * pass (ext4_mb_simple_scan_group()), so 2 MiB aligned on the device; what the request
     * does not use stays the inode's preallocation (ext4_mb_new_inode_pa()), and the
     * range's later requests take their blocks from it at their offset
     * (ext4_mb_use_inode_pa()) as long as it lives: until a punch or truncate
     * ({@link #free}) or the last writer's close ({@link FileSystem#release},
     * ext4_release_file()). A range filled from one window is one aligned extent (on 6.1:
     * refilled by 4 KiB writes or 4 KiB write faults after a punch or truncate, a PMD
     * fault maps it). Elsewhere, or after a fill broke up the free space, where the
     * blocks land is not modelled ({@link FaultHandler} refuses a PMD fault there).
     */
    void placeForPmd(Inode ip, long first, long end) {
        if (!ip.dax() || !profile.pmdAllocationsAligned()) {
            return;
        }
        long bpp = g.pmdSize() / g.blockSize();
        long pmd = first / bpp;
        if ((end - 1) / bpp != pmd) {
            return;
        }
        long rangeFirst = pmd * bpp;
        long rangeEnd = rangeFirst + bpp;
        if (!ip.pmdWindows.contains(pmd)) {
            long size = Math.max(ip.size, end * g.blockSize());
            boolean window = !filled
                    && size > WINDOW_MIN_SIZE
                    && size <= WINDOW_MAX_SIZE
                    && ip.extents
                            .runs(Math.max(0, rangeFirst - 1), rangeEnd + 1)
                            .isEmpty();
            if (!window) {
                return;
            }
            ip.pmdWindows.add(pmd);
        }
        long holes = 0;
        for (RangeMap.Run<BlockState> h : holes(ip, rangeFirst, rangeEnd)) {
            holes += h.length();
        }
        if (holes == end - first) {
            ip.pmdAligned.add(pmd);
        }
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

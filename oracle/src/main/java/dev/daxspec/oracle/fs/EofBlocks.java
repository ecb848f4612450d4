package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;

/**
 * xfs's speculative preallocation past EOF for buffered writes (xfs_iomap_prealloc_size())
 * and its trimming at close (xfs_free_eofblocks()). How much xfs reserves depends on the
 * extent before the write and on free space, which the model does not follow: it tracks
 * only when blocks past EOF may be there, and refuses to predict what they change. Not
 * thread-safe.
 */
final class EofBlocks {

    /** xfs's default allocsize: files smaller than this get no speculative preallocation. */
    private static final long XFS_ALLOCSIZE = 64 << 10;

    private final Target target;
    private final Kernel kernel;

    EofBlocks(Target target, Kernel kernel) {
        this.target = target;
        this.kernel = kernel;
    }

    /** A write from {@code pos} took i_size from {@code oldSize} to {@code newSize}. */
    void grew(Inode ip, long pos, long oldSize, long newSize) {
        if (target.fs() != Filesystem.XFS || ip.dax()) {
            return;
        }
        if (ip.eofPrealloc && pos > oldSize) {
            // Written past EOF into what speculative preallocation reserved: the gap
            // between the old EOF and the write is delayed allocation now, its extent
            // as big as xfs_iomap_prealloc_size() chose (explore: pwrite to 65537, then
            // pwrite at 126976, then statx showed 19 blocks, not 5).
            ip.layoutUnknown = "a write past EOF landed in xfs's speculative preallocation";
        }
        if (newSize >= XFS_ALLOCSIZE) {
            ip.eofPrealloc = true;
        }
    }

    /**
     * A preallocation of blocks {@code [first, end)}. Where it meets delayed allocation,
     * xfs_bmapi_write() allocates the whole delalloc extent, the speculative preallocation
     * past EOF in it too, and the file's XFS_DIFLAG_PREALLOC then keeps those blocks at close
     * ({@link #release}): how many there are is what xfs_iomap_prealloc_size() chose (found by
     * daxspec explore on Debian 6.1: a 68607-byte write, a falloc inside it, then statx in the
     * next run showed 384 sectors, not 136; a zero range does the same, fiemap then showing
     * the blocks past EOF unwritten).
     */
    void preallocated(Inode ip, long first, long end) {
        if (ip.eofPrealloc && ip.extents().runs(first, end).stream().anyMatch(r -> r.value() == BlockState.DELALLOC)) {
            ip.layoutUnknown =
                    "a preallocation took in delayed allocation with xfs's speculative preallocation past EOF";
        }
    }

    /**
     * Refuses what speculative preallocation past EOF on xfs changes (fiemap's extents,
     * i_blocks). Found by daxspec explore against Linux 6.1 and 6.18 alike (fiemap -v
     * shows {@code unwritten} blocks past EOF after a 64 KiB buffered write, until close).
     */
    void requireNone(Inode ip) {
        if (ip.eofPrealloc) {
            throw new Unpredictable("xfs may have preallocated past EOF after a buffered write to 64 KiB or more:"
                    + " fiemap and i_blocks show what xfs_iomap_prealloc_size() chose until the file is closed");
        }
    }

    /**
     * The last close of a file. xfs_release() frees the blocks past EOF (xfs_free_eofblocks())
     * unless XFS_IDIRTY_RELEASE is set; it sets it when delayed-allocation blocks remain
     * after that, so from the second close of a file with unwritten-back data on, the
     * speculative preallocation stays (found by daxspec explore: pwrite 0 1, then a write to
     * 72 KiB, then fiemap in a third xfs_io run shows unwritten blocks past EOF on 6.1 and 6.18).
     */
    void release(Inode ip) {
        if (target.fs() != Filesystem.XFS || ip.dax() || ip.dirtyRelease) {
            return;
        }
        if (ip.prealloc && ip.extents().runs(BlockState.DELALLOC) == 0) {
            // xfs_can_free_eofblocks(): a file with XFS_DIFLAG_PREALLOC keeps its blocks
            // past EOF unless it has delayed allocations (explore: falloc, then a write to
            // 64 KiB and fsync, then fiemap in the next run).
            return;
        }
        boolean delalloc = ip.extents().runs(BlockState.DELALLOC) > 0;
        boolean trimmed = ip.eofPrealloc || delalloc;
        ip.eofPrealloc = false;
        if (delalloc || (trimmed && kernel.profile().xfsFreesEofBlocksOnce())) {
            ip.dirtyRelease = true;
        }
    }
}

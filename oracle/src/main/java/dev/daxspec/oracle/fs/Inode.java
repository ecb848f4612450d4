package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.mm.DaxEntry;
import dev.daxspec.oracle.mm.Mapping;
import dev.daxspec.oracle.storage.ExtentMap;
import dev.daxspec.oracle.storage.FileData;
import dev.daxspec.oracle.storage.RangeMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A regular file in the model: its inode number, i_size, block map and data, whether it
 * is DAX (S_DAX), and for page-cache files which blocks the page cache holds uptodate.
 *
 * <p>Mutated only by {@link FileSystem}; callers read it. Not thread-safe.
 */
public final class Inode {

    private final long ino;
    private final String name;
    private final boolean dax;
    final ExtentMap extents = new ExtentMap();
    final FileData data = new FileData();
    /**
     * What the device holds for the file's blocks: for DAX files every store and zeroing
     * reaches it at once (pmem is durable; freeing a block does not clear it), for
     * page-cache files writeback copies the page cache into it.
     */
    final FileData media = new FileData();
    /**
     * Page-cache files only: blocks whose page-cache copy is uptodate, with the value
     * telling whether it is dirty (not yet written back). SEEK_DATA treats uptodate
     * blocks over unwritten extents as data (mm/filemap.c folio_seek_hole_data).
     */
    final RangeMap<Boolean> cached = new RangeMap<>();
    /**
     * Page-cache files only: a read or a fault brought pages in through readahead, whose window the
     * model does not track, so SEEK_DATA over unwritten extents is not predictable.
     */
    boolean readahead;
    /** DAX files: the mapping's entries by page index (see {@link DaxEntry}). */
    final RangeMap<DaxEntry> daxEntries = new RangeMap<>();
    /** The live mmap()s of this file, for unmap_mapping_range(). */
    final List<Mapping> mappings = new ArrayList<>();
    /**
     * PMD ranges (by PMD index) whose blocks are known to be one 2 MiB aligned extent on
     * the device: on ext4, those a PMD write fault allocated and those filled from one
     * preallocation window ({@link Allocator#placeForPmd}), also after a remount or crash
     * that kept their blocks ({@link Image}); a zero range keeps them (ext4 converts in
     * place), a free of any of their blocks does not ({@link Allocator#free}).
     */
    final Set<Long> pmdAligned = new HashSet<>();
    /**
     * ext4: PMD ranges whose 2 MiB aligned window of blocks the inode's preallocation
     * holds ({@link Allocator#placeForPmd}); gone with the preallocation.
     */
    final Set<Long> pmdWindows = new HashSet<>();
    /**
     * Why the model no longer knows this file's block layout exactly (stat, fiemap and
     * seek then refuse to predict), or null.
     */
    String layoutUnknown;
    /** Metadata changed since the last journal commit (ext4_inode_datasync_dirty(), IOMAP_F_DIRTY). */
    boolean metadataDirty;
    /**
     * xfs only: the inode was read from disk (a remount, a crash) and no change of it has been
     * committed since. xfs_inode_from_disk() marks i_version queried, so the next transaction
     * that logs the inode, a timestamp update too, bumps it and logs XFS_ILOG_CORE, which makes
     * the inode dirty for fsync ({@link FaultHandler}).
     */
    boolean iversionQueried;

    long size;
    /**
     * xfs may hold speculative preallocation past EOF: a buffered write took i_size to
     * at least 64 KiB (the default allocsize), so xfs_iomap_prealloc_size() may have
     * reserved delayed-allocation blocks beyond it, which writeback turns into unwritten
     * extents that fiemap and i_blocks show until xfs_release() trims them at close.
     */
    boolean eofPrealloc;
    /**
     * xfs_release() trims no more blocks past EOF until the inode leaves memory (an
     * unmount): XFS_IDIRTY_RELEASE, set when a close found delayed-allocation blocks left
     * after trimming, or since Linux 6.11 XFS_EOFBLOCKS_RELEASED, set by the first close
     * that trimmed ({@link dev.daxspec.oracle.kernel.KernelProfile#xfsFreesEofBlocksOnce()}).
     */
    boolean dirtyRelease;
    /** i_disksize: the size the journal would record; behind i_size until writeback for buffered writes. */
    long diskSize;
    /** XFS_DIFLAG_PREALLOC: set on xfs by fallocate and zero range (xfs_alloc_file_space()). */
    boolean prealloc;
    /** Blocks this file takes from the filesystem's free space: data and metadata. */
    long charge;

    Inode(long ino, String name, boolean dax) {
        this.ino = ino;
        this.name = name;
        this.dax = dax;
    }

    /** Stores into the file's blocks: the page cache, or the device itself for a DAX file. */
    void fill(long pos, long len, byte value) {
        data.fill(pos, len, value);
        if (dax) {
            media.fill(pos, len, value);
        }
    }

    /** Zeroes part of the file's blocks, on the device too for a DAX file (dax_zero_range()). */
    void zero(long pos, long len) {
        data.zero(pos, len);
        if (dax) {
            media.zero(pos, len);
        }
    }

    public long ino() {
        return ino;
    }

    /** The name in the scratch filesystem's root directory. */
    public String name() {
        return name;
    }

    /** i_size. */
    public long size() {
        return size;
    }

    /** Whether the inode is S_DAX: reads, writes and faults go straight to the device. */
    public boolean dax() {
        return dax;
    }

    /** The block map (read it; the filesystem changes it). */
    public ExtentMap extents() {
        return extents;
    }

    /** Page-cache files: whether the page cache holds data for {@code block} not yet written back. */
    public boolean dirty(long block) {
        return Boolean.TRUE.equals(cached.get(block));
    }

    /** The contents of the file's blocks (read it; the filesystem changes it). */
    public FileData data() {
        return data;
    }

    @Override
    public String toString() {
        return name + " (ino " + ino + ", i_size " + size + (dax ? ", dax" : "") + ")";
    }
}

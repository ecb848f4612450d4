package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.mm.FaultTrace;
import dev.daxspec.oracle.mm.Mapping;
import dev.daxspec.oracle.mm.Pte;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.RangeMap;
import dev.daxspec.oracle.target.DaxPolicy;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A mounted filesystem's in-memory state, and the file system calls on it. Each method
 * is one system call and returns what the kernel returns; errno is data ({@link SysRet}).
 * The rules follow Debian's 6.1 kernel (fs/dax.c, fs/iomap, fs/ext4, fs/xfs); each is
 * commented with the function it follows and the seed thread it answers.
 *
 * <p>Not thread-safe: one program drives one filesystem.
 */
public final class FileSystem {

    private final Target target;
    private final Kernel kernel;
    private final Geometry g;
    private final FsProfile profile;
    private final DaxPolicy policy;
    private Capacity capacity;
    private final Map<String, Inode> files = new TreeMap<>();
    private final FaultHandler faults;
    /** What the last forced journal commit made durable. */
    private Image durable;
    /** States the journal may have committed since, oldest first (only while recording). */
    private final List<Image> pending = new ArrayList<>();
    private boolean recording;
    private long used;
    private long nextIno;

    /**
     * A freshly made and mounted filesystem.
     *
     * @param capacity the blocks available to files on the fresh filesystem
     */
    public FileSystem(Target target, Kernel kernel, DaxPolicy policy, Capacity capacity) {
        this.target = target;
        this.kernel = kernel;
        this.g = target.geometry();
        this.profile = FsProfile.of(target.fs());
        this.policy = policy;
        this.capacity = capacity;
        this.nextIno = profile.firstFileIno(g);
        this.faults = new FaultHandler(this, g, kernel, profile);
    }

    public Target target() {
        return target;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Geometry geometry() {
        return g;
    }

    /** Blocks still free for file data and metadata. */
    public long freeBlocks() {
        return capacity.blocks() - used;
    }

    /** The file called {@code name} in the root directory, if it exists. */
    public Optional<Inode> lookup(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /**
     * Creates an empty regular file (open with O_CREAT). Whether it is DAX follows the
     * mount's policy: with {@code dax=inode} a new file inherits FS_XFLAG_DAX from its
     * directory, and the root directory of a fresh filesystem does not have it.
     */
    public Inode create(String name) {
        if (!files.containsKey(name)) {
            profile.checkCreate(capacity.known() ? freeBlocks() : Long.MAX_VALUE);
        }
        Inode ip = files.get(name);
        if (ip == null) {
            ip = new Inode(nextIno++, name, policy == DaxPolicy.ALWAYS);
            files.put(name, ip);
            journal();
        }
        return ip;
    }

    /**
     * Fills the filesystem with the filler files {@code .fill0} and {@code .fill1} so that
     * exactly {@code free} blocks are left (see {@link dev.daxspec.oracle.program.FillStep}).
     * Afterwards the free count is known even when the fresh filesystem's was not.
     *
     * @throws IllegalArgumentException when the filesystem cannot be filled that far: xfs
     *     cannot preallocate its last blocks, which each allocation keeps as its bmap
     *     btree reserve
     */
    public void fillTo(long free) {
        long reserve = profile.allocationReserve(g);
        if (free < reserve) {
            throw new IllegalArgumentException(target.fs() + " cannot be filled to fewer than " + reserve
                    + " free blocks: every allocation keeps " + reserve + " for its bmap btree");
        }
        if (capacity.known() && freeBlocks() < free) {
            throw new IllegalArgumentException("cannot leave " + free + " blocks free: only " + freeBlocks()
                    + " are");
        }
        create(".fill0");
        create(".fill1");
        capacity = Capacity.exactly(used + free);
        // daxspec_fill ends with sync, so the fill survives a crash.
        commit();
    }

    DaxPolicy policy() {
        return policy;
    }

    Capacity capacity() {
        return capacity;
    }

    long nextIno() {
        return nextIno;
    }

    /** Recovery: puts a recovered file back. */
    void restore(Inode ip) {
        files.put(ip.name(), ip);
        recharge(ip);
    }

    /** Recovery: the inode number the next new file gets. */
    void restoreNextIno(long next) {
        nextIno = next;
    }

    /** The files, by name. */
    public List<Inode> files() {
        return List.copyOf(files.values());
    }

    // ---------------------------------------------------------------- write(2)

    /**
     * One pwrite(2) of {@code len} copies of {@code value} at {@code pos}.
     *
     * <p>Blocks in the range that are holes are allocated: written and zeroed on a DAX
     * file (ext4_iomap_alloc() with EXT4_GET_BLOCKS_CREATE_ZERO, xfs_iomap_write_direct()
     * with XFS_BMAPI_ZERO), delayed-allocation reservations through the page cache.
     * Unwritten blocks become written on a DAX file (B8); through the page cache they
     * stay unwritten until writeback converts them. When space runs out the write is
     * short by whole blocks and i_size covers only what was written (B9, seed 003).
     */
    public SysRet write(Inode ip, long pos, long len, byte value) {
        if (pos < 0 || len < 0) {
            return SysRet.error(Errno.EINVAL);
        }
        if (len == 0) {
            return SysRet.ZERO;
        }
        boolean ext4 = target.fs().isExt4Driver();
        long oldDiskSize = ip.diskSize;
        if (ext4 && !ip.dax()) {
            freePastEofForFailedWriteBegin(ip, pos, len);
        }
        SysRet probe = probeWrite(ip, pos, len);
        long want = Math.min(len, profile.maxBytes(g) - pos);
        boolean shortOrEnospc = probe.failed() ? probe.errno().get() == Errno.ENOSPC : probe.value() < want;
        if (ext4 && ip.dax() && pos + want > oldDiskSize && shortOrEnospc) {
            checkDaxWritePastEofAtEnospc(ip, pos, probe);
        }
        if (probe.failed()) {
            if (ext4) {
                recharge(ip);
                journal();
            }
            return probe;
        }
        long bytes = probe.value();
        long first = g.blockIndex(pos);
        long last = g.blocksFor(pos + bytes);
        allocateForWrite(ip, first, last);
        if (pos > ip.size) {
            zeroPostEof(ip);
        }
        storeWrite(ip, pos, bytes, value);
        long newSize = pos + bytes;
        if (kernel.has(Bug.SHORT_WRITE_EXTENDS_SIZE)) {
            // The bug: i_size was set from the length asked for, not the length written,
            // exposing the unallocated tail as a hole that reads zeros (seed 003).
            newSize = pos + want;
        }
        if (newSize > ip.size) {
            long oldSize = ip.size;
            ip.size = newSize;
            if (target.fs() == Filesystem.XFS && !ip.dax() && ip.eofPrealloc && pos > oldSize) {
                // Written past EOF into what speculative preallocation reserved: the gap
                // between the old EOF and the write is delayed allocation now, its extent
                // as big as xfs_iomap_prealloc_size() chose (explore: pwrite to 65537, then
                // pwrite at 126976, then statx showed 19 blocks, not 5).
                ip.layoutUnknown = "a write past EOF landed in xfs's speculative preallocation";
            }
            if (target.fs() == Filesystem.XFS && !ip.dax() && newSize >= XFS_ALLOCSIZE) {
                ip.eofPrealloc = true;
            }
            if (ip.dax() || !profile.delaysAllocation()) {
                // ext4_handle_inode_extension(), xfs_dax_write_iomap_end(): a write that
                // allocated at once moves i_disksize with it.
                ip.diskSize = newSize;
            }
        }
        ip.metadataDirty = true;
        recharge(ip);
        journal();
        return SysRet.ok(bytes);
    }

    /**
     * ext4_da_write_begin() and ext4_write_begin(), through the page cache: when a page's
     * blocks cannot be reserved (ENOSPC) and the page reaches past i_size, the failed
     * write_begin calls ext4_truncate_failed_write(), whose ext4_truncate() frees every
     * block past i_size, preallocated (KEEP_SIZE) ones too; ext4_should_retry_alloc()
     * then forces a journal commit (the freed blocks are pending, s_mb_free_pending),
     * which makes them allocatable, and the page is tried again. So a write past EOF gets
     * the blocks of the file's own preallocation past EOF. When nothing was freed,
     * ext4_should_retry_alloc() asks ext4_has_free_clusters() for one cluster, which the
     * failed reservation already found missing, and the write stops there. i_size at the
     * failure is where the pages before the failing one took it. The truncate on failure
     * came with b9a4207d5e91 ("ext4: Avoid data / filesystem corruption when write fails
     * to copy data", Jan Kara). Found by daxspec explore on 6.18: fill 7, falloc -k 0
     * 29179 fails at ENOSPC after taking all 7 blocks, then pwrite 28672 1 succeeds and
     * the preallocated blocks are gone.
     */
    private void freePastEofForFailedWriteBegin(Inode ip, long pos, long len) {
        if (pos < 0 || len <= 0 || pos >= profile.maxBytes(g)) {
            return;
        }
        long want = Math.min(len, profile.maxBytes(g) - pos);
        long end = g.blocksFor(pos + want);
        while (true) {
            long limit = allocationLimit(ip, g.blockIndex(pos), end);
            if (limit >= end) {
                return;
            }
            long written = limit * g.blockSize() - pos;
            long sizeAtFailure = written > 0 ? Math.max(ip.size, pos + written) : ip.size;
            long failingPageEnd = Math.min(pos + want,
                    g.roundDownToPage(Math.max(pos, limit * g.blockSize())) + g.pageSize());
            if (failingPageEnd <= sizeAtFailure || !freePastEof(ip, sizeAtFailure)) {
                return;
            }
        }
    }

    /**
     * ext4_dax_write_iter(): a DAX write reaching past i_disksize that fails or is short
     * ends in ext4_handle_inode_extension(), which sets i_size and calls
     * ext4_truncate_failed_write() to free the blocks past the new EOF. On Debian's
     * 6.1.0-57 a write at 28672 that failed with ENOSPC left i_size at 28644 (the offset
     * less ENOSPC) and the blocks preallocated past the old EOF inside it, where B9 has
     * i_size unchanged and the truncate free them. Until a correct kernel shows what it
     * does, the model refuses the two cases where that shows: a failed write starting
     * past EOF, and blocks past the new EOF.
     */
    private void checkDaxWritePastEofAtEnospc(Inode ip, long pos, SysRet probe) {
        long newSize = probe.failed() ? ip.size : Math.max(ip.size, pos + probe.value());
        if ((probe.failed() && pos > ip.size) || ip.extents.mapped(g.blocksFor(newSize), Long.MAX_VALUE) > 0) {
            throw new Unpredictable("an ext4 DAX write past EOF at ENOSPC: i_size and the blocks past EOF"
                    + " afterwards differ between kernels (6.1 sets i_size to the offset less ENOSPC)");
        }
    }

    /**
     * ext4_truncate_failed_write(): truncate_inode_pages() and ext4_truncate() at
     * {@code size}, which frees every block from the one after the EOF block on; i_size
     * stays. Returns whether any block was freed.
     */
    private boolean freePastEof(Inode ip, long size) {
        long from = g.blocksFor(size);
        if (ip.extents.mapped(from, Long.MAX_VALUE) == 0) {
            return false;
        }
        freeBlocks(ip, from, Long.MAX_VALUE);
        ip.cached.remove(from, Long.MAX_VALUE);
        recharge(ip);
        return true;
    }

    /**
     * What {@link #write} would return, without writing: lets a caller that splits a
     * write into chunks (xfs_io's buffer) see whether the chunks would all succeed.
     */
    public SysRet probeWrite(Inode ip, long pos, long len) {
        if (pos < 0 || len < 0) {
            return SysRet.error(Errno.EINVAL);
        }
        if (len == 0) {
            return SysRet.ZERO;
        }
        long max = profile.maxBytes(g);
        if (pos >= max) {
            return SysRet.error(Errno.EFBIG);
        }
        // generic_write_check_limits(): a write reaching past s_maxbytes is cut short.
        long want = Math.min(len, max - pos);
        long allocEnd = allocationLimit(ip, g.blockIndex(pos), g.blocksFor(pos + want));
        long bytes = Math.min(want, allocEnd * g.blockSize() - pos);
        return bytes <= 0 ? SysRet.error(Errno.ENOSPC) : SysRet.ok(bytes);
    }

    /**
     * The block index up to which an allocation of blocks {@code [first, end)} gets space.
     * ext4 allocates block by block as long as space lasts (ext4_mb_new_blocks() halves
     * its request until it fits); xfs reserves each hole run in one transaction with room
     * for bmap btree splits (xfs_iomap_write_direct(), xfs_alloc_file_space():
     * XFS_DIOSTRAT_SPACE_RES) and gets none of the run when that does not fit.
     */
    private long allocationLimit(Inode ip, long first, long end) {
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

    private void allocateForWrite(Inode ip, long first, long end) {
        if (ip.dax()) {
            // Unwritten blocks first, while the holes are still holes: ext4's conversion
            // looks at the blocks around the unwritten extent.
            long eofBlock = g.blocksFor(ip.size);
            for (RangeMap.Run<BlockState> r : ip.extents.runs(first, end)) {
                if (r.value() == BlockState.UNWRITTEN) {
                    RangeMap.Run<BlockState> whole = ip.extents.runAt(r.start());
                    long[] c = profile.conversion(ip.extents, whole.start(), whole.end(), r.start(), r.end(),
                            eofBlock, g);
                    ip.extents.set(c[0], c[1], BlockState.WRITTEN);
                    ip.zero(c[0] * g.blockSize(), (c[1] - c[0]) * g.blockSize());
                }
            }
        }
        BlockState fresh = ip.dax() || !profile.delaysAllocation() ? BlockState.WRITTEN : BlockState.DELALLOC;
        for (RangeMap.Run<BlockState> hole : holes(ip, first, end)) {
            ip.extents.set(hole.start(), hole.end(), fresh);
        }
        if (!ip.dax()) {
            ip.cached.put(first, end, Boolean.TRUE);
        }
    }

    /**
     * Whether a write's effect depends on how it is split into system calls: ext4 converts
     * unwritten extents per call ({@link FsProfile#conversion}), so a DAX write over
     * unwritten blocks must be replayed call by call; and when crash states are recorded,
     * every call is a point a crash may find committed.
     */
    public boolean chunkSensitive(Inode ip, long pos, long len) {
        if (recording) {
            // Each system call may be the last one a journal commit covers.
            return true;
        }
        if (!ip.dax() || len == 0) {
            return false;
        }
        for (RangeMap.Run<BlockState> r : ip.extents.runs(g.blockIndex(pos), g.blocksFor(pos + len))) {
            if (r.value() == BlockState.UNWRITTEN) {
                return true;
            }
        }
        return false;
    }

    /** Copies the written bytes into the file's blocks. */
    private void storeWrite(Inode ip, long pos, long bytes, byte value) {
        if (ip.dax() && kernel.has(Bug.XIP_WRITE_IGNORES_PAGE_OFFSET)) {
            // 2.6.24-rc __xip_file_write() copied each page's part of the write to
            // kaddr, the start of the page, not kaddr + offset (seed 004; broken by
            // 4a9e5ef1f4f1 "mm: write iovec cleanup", fixed by "mm: fix XIP file writes").
            long p = pos;
            long left = bytes;
            while (left > 0) {
                long offset = p & (g.pageSize() - 1);
                long chunk = Math.min(g.pageSize() - offset, left);
                ip.fill(p - offset, chunk, value);
                p += chunk;
                left -= chunk;
            }
            return;
        }
        ip.fill(pos, bytes, value);
    }

    // ---------------------------------------------------------------- read(2)

    /**
     * One pread(2): the number of bytes it returns. Holes and unwritten blocks read as
     * zeros (B8); reads stop at i_size. The bytes are in {@link Inode#data()}.
     */
    public SysRet read(Inode ip, long pos, long len) {
        if (pos < 0 || len < 0) {
            return SysRet.error(Errno.EINVAL);
        }
        if (pos >= ip.size || len == 0) {
            return SysRet.ZERO;
        }
        long n = Math.min(len, ip.size - pos);
        if (!ip.dax()) {
            // filemap_read() fills the page cache through readahead windows the model
            // does not follow; only SEEK_DATA over unwritten extents can tell.
            ip.readahead = true;
        }
        return SysRet.ok(n);
    }

    // ---------------------------------------------------------------- truncate(2)

    /**
     * ftruncate(2). Shrinking frees every block past the new EOF (preallocated ones too)
     * and zeroes the rest of the new EOF block (ext4_block_truncate_page(),
     * xfs_truncate_page()); growing exposes nothing: bytes past the old EOF read as zero
     * (B6). A truncate to the same size still frees blocks past EOF: ext4_setattr() calls
     * ext4_truncate() "even if i_size didn't change", xfs_setattr_size() calls
     * xfs_itruncate_extents() when {@code newsize <= oldsize}.
     */
    public SysRet truncate(Inode ip, long size) {
        if (size < 0) {
            return SysRet.error(Errno.EINVAL);
        }
        if (size > profile.maxBytes(g)) {
            return SysRet.error(Errno.EFBIG);
        }
        if (size > ip.size) {
            breakLayouts(ip);
            zeroPostEof(ip);
            ip.size = size;
        } else {
            ip.size = size;
            // truncate_pagecache(): mappings of whole pages past the new EOF go first (B10),
            // private copies of them too (unmap_mapping_range() with even_cows).
            unmap(ip, g.pagesFor(size), Long.MAX_VALUE / g.pageSize(), true);
            breakLayouts(ip);
            // The rest of the new EOF block is zeroed where it lives (ext4_block_truncate_page(),
            // xfs_truncate_page()); blocks past it are freed.
            ip.zero(size, g.roundUpToBlock(size) - size);
            markDirty(ip, g.blockIndex(size), g.blocksFor(size));
            freeBlocks(ip, g.blocksFor(size), Long.MAX_VALUE);
            ip.cached.remove(g.blocksFor(size), Long.MAX_VALUE);
        }
        ip.diskSize = size;
        ip.metadataDirty = true;
        recharge(ip);
        journal();
        return SysRet.ZERO;
    }

    /**
     * Makes the bytes between i_size and the end of its page read as zeros before i_size
     * grows. They can hold data a shared mapping wrote past EOF (B6, seed 000: "ensure
     * that partial blocks at EOF are zeroed correctly"); xfs zeroes them with
     * xfs_zero_range() from xfs_file_write_checks() and xfs_setattr_size().
     */
    private void zeroPostEof(Inode ip) {
        if (kernel.has(Bug.EOF_BLOCK_NOT_ZEROED)) {
            // The bug: the tail of the old EOF page keeps what a mapping stored there, and
            // growing i_size exposes it as file data (seed 000).
            return;
        }
        zeroEofPageTail(ip);
    }

    /** Zeroes the bytes between i_size and the end of its page. */
    private void zeroEofPageTail(Inode ip) {
        long eof = ip.size;
        ip.zero(eof, g.roundUpToPage(eof) - eof);
    }

    // ---------------------------------------------------------------- fallocate(2)

    /**
     * fallocate(2) with mode 0, KEEP_SIZE, PUNCH_HOLE|KEEP_SIZE or ZERO_RANGE
     * (optionally with KEEP_SIZE).
     */
    public SysRet fallocate(Inode ip, int mode, long off, long len) {
        // vfs_fallocate(): "if (offset < 0 || len <= 0) return -EINVAL;"
        if (off < 0 || len <= 0) {
            return SysRet.error(Errno.EINVAL);
        }
        if (off + len < 0 || off + len > profile.maxBytes(g)) {
            return SysRet.error(Errno.EFBIG);
        }
        SysRet ret;
        if ((mode & FallocMode.PUNCH_HOLE) != 0) {
            ret = punchHole(ip, off, len);
        } else if ((mode & FallocMode.ZERO_RANGE) != 0) {
            ret = zeroRange(ip, off, len, (mode & FallocMode.KEEP_SIZE) != 0);
        } else {
            ret = preallocate(ip, off, len, (mode & FallocMode.KEEP_SIZE) != 0);
        }
        ip.diskSize = Math.max(ip.diskSize, ip.size);
        ip.metadataDirty = true;
        recharge(ip);
        journal();
        return ret;
    }

    /**
     * Mode 0 and KEEP_SIZE: unwritten blocks over the holes of the range, rounded out to
     * blocks; allocated blocks are left alone. i_size grows to {@code off + len} unless
     * KEEP_SIZE. ext2 files have no unwritten extents: EOPNOTSUPP.
     *
     * <p>At ENOSPC ext4 keeps what ext4_alloc_file_blocks() allocated before it ran out
     * and moves i_size to its end; xfs_alloc_file_space() reserves the range up front
     * and allocates nothing.
     */
    private SysRet preallocate(Inode ip, long off, long len, boolean keepSize) {
        if (!profile.preallocates()) {
            return SysRet.error(Errno.EOPNOTSUPP);
        }
        if (!target.fs().isExt4Driver()) {
            // xfs_file_fallocate() breaks layouts whatever the mode; ext4 only for the
            // modes that remove blocks.
            breakLayouts(ip);
        }
        long first = g.blockIndex(off);
        long end = g.blocksFor(off + len);
        long limit = allocationLimit(ip, first, end);
        ip.prealloc |= limit > first;
        for (RangeMap.Run<BlockState> hole : holes(ip, first, limit)) {
            ip.extents.set(hole.start(), hole.end(), BlockState.UNWRITTEN);
        }
        long reached = limit == end ? off + len : Math.min(off + len, limit * g.blockSize());
        // ext4_alloc_file_blocks() moves i_size with each chunk it allocated: none, no change.
        if (!keepSize && reached > ip.size && (limit == end || (target.fs().isExt4Driver() && limit > first))) {
            zeroPostEof(ip);
            ip.size = reached;
        }
        return limit == end ? SysRet.ZERO : SysRet.error(Errno.ENOSPC);
    }

    /**
     * PUNCH_HOLE: the whole blocks inside the range are freed; the partial blocks at its
     * edges keep their allocation and read as zeros in the range (B10; ext4_punch_hole()
     * with ext4_zero_partial_blocks(), xfs_free_file_space() with xfs_zero_range()).
     * ext4 punches nothing at or past i_size and clamps the range near EOF
     * ({@link FsProfile#punchEnd}); xfs frees blocks past EOF too but zeroes only up to
     * i_size.
     */
    private SysRet punchHole(Inode ip, long off, long len) {
        long end = off + len;
        if (target.fs().isExt4Driver()) {
            if (off >= ip.size) {
                return SysRet.ZERO;
            }
            end = profile.punchEnd(off, end, ip.size, g);
        }
        long firstFull = g.blocksFor(off);
        long endFull = g.blockIndex(end);
        unmapForHoleChange(ip, off, end, firstFull, endFull, true);
        if (endFull > firstFull) {
            freeBlocks(ip, firstFull, endFull);
            ip.cached.remove(firstFull, endFull);
        }
        long zeroEnd = target.fs().isExt4Driver() ? end : Math.min(end, ip.size);
        if (zeroEnd > off) {
            ip.zero(off, zeroEnd - off);
            markDirty(ip, g.blockIndex(off), g.blocksFor(zeroEnd));
        }
        return SysRet.ZERO;
    }

    /**
     * ZERO_RANGE: afterwards the range reads as zeros and its whole blocks are unwritten
     * extents (holes allocated, written blocks converted: ext4_zero_range() with
     * EXT4_GET_BLOCKS_CONVERT_UNWRITTEN; xfs punches then preallocates). The partial
     * blocks at the edges are preallocated when they were holes and otherwise keep their
     * state with the bytes in range zeroed. i_size grows to {@code off + len} unless
     * KEEP_SIZE. ext2 files: EOPNOTSUPP.
     */
    private SysRet zeroRange(Inode ip, long off, long len, boolean keepSize) {
        if (!profile.preallocates()) {
            return SysRet.error(Errno.EOPNOTSUPP);
        }
        long end = off + len;
        long first = g.blockIndex(off);
        long last = g.blocksFor(end);
        long firstFull = g.blocksFor(off);
        long endFull = g.blockIndex(end);
        long needed = 0;
        for (RangeMap.Run<BlockState> hole : holes(ip, first, last)) {
            needed += hole.length();
        }
        if (needed + profile.allocationReserve(g) > freeBlocks()) {
            capacity.requireKnown(target);
            profile.checkPredictableAtEnospc(ip.extents.mapped() + needed, ip.dax(), g);
            if (!target.fs().isExt4Driver()) {
                return SysRet.error(Errno.ENOSPC);
            }
            // ext4_zero_range() first preallocates the range rounded out to blocks with
            // ext4_alloc_file_blocks(), which keeps what it allocated before it ran out and
            // moves i_size with it; only then does it zero. Found by daxspec explore on 6.18:
            // fill 6, fzero 0 25600 (ENOSPC), then a 2-byte write across block 6 is short.
            SysRet pre = preallocate(ip, off, len, keepSize);
            if (pre.failed()) {
                return pre;
            }
        }
        for (RangeMap.Run<BlockState> hole : holes(ip, first, last)) {
            ip.extents.set(hole.start(), hole.end(), BlockState.UNWRITTEN);
        }
        ip.prealloc = true;
        unmapForHoleChange(ip, off, end, firstFull, endFull, false);
        if (endFull > firstFull) {
            ip.extents.set(firstFull, endFull, BlockState.UNWRITTEN);
            ip.cached.remove(firstFull, endFull);
        }
        if (!keepSize && end > ip.size) {
            zeroPostEof(ip);
            ip.size = end;
        }
        ip.zero(off, len);
        markDirty(ip, first, last);
        return SysRet.ZERO;
    }

    // ---------------------------------------------------------------- fsync(2)

    /**
     * fsync(2) and fdatasync(2): writes back the page cache, which allocates delayed
     * blocks and converts unwritten blocks under dirty pages to written.
     */
    public SysRet fsync(Inode ip) {
        writeback(ip);
        commit();
        return SysRet.ZERO;
    }

    /** sync(2): writes back every file and commits the journal. */
    public void sync() {
        files.values().forEach(this::writeback);
        commit();
    }

    /**
     * A journal (ext4) or log (xfs) commit: every metadata change so far reaches stable
     * storage. fsync and fdatasync force one for all files at once, since a commit
     * carries everything before it.
     */
    private void commit() {
        files.values().forEach(f -> f.metadataDirty = false);
        // Only a crash reads the image, and only while crash states are recorded
        // (recordCrashStates() takes a fresh one): without that an image of every file at
        // every fsync is work nothing uses.
        durable = recording ? Image.of(this) : null;
        pending.clear();
    }

    /**
     * Notes that metadata may have changed: while crash states are recorded, the state
     * as a commit now would make it durable becomes one the next crash may leave behind
     * (ext4 commits its journal every 5 s, xfs pushes its log on its own schedule, so
     * any point since the last forced commit can be the one that made it to disk).
     */
    void journal() {
        if (recording) {
            pending.add(Image.of(this));
        }
    }

    /** Starts keeping every state a crash could leave, for programs that crash. */
    public void recordCrashStates() {
        recording = true;
        durable = Image.of(this);
    }

    /**
     * An immediate reboot without sync: the filesystems the next mount may find, one
     * for each point the journal may have committed up to (the last forced commit
     * first), after journal or log recovery. File data: what the device holds (DAX
     * stores and written-back pages) for the blocks written in that state; zeros for
     * unwritten blocks and holes.
     */
    public List<FileSystem> crash() {
        if (!recording) {
            throw new IllegalStateException("crash states were not recorded; call recordCrashStates() first");
        }
        List<FileSystem> out = new ArrayList<>();
        java.util.Set<Image> seen = new java.util.LinkedHashSet<>();
        seen.add(durable);
        seen.addAll(pending);
        for (Image image : seen) {
            out.add(image.recover(this));
        }
        return out;
    }

    /** umount and mount: everything becomes durable, the page cache and DAX entries are gone. */
    public FileSystem remount() {
        boolean was = recording;
        recording = true;
        sync();
        FileSystem fs = Image.of(this).recover(this);
        fs.recording = was;
        if (was) {
            fs.recordCrashStates();
        }
        recording = was;
        return fs;
    }

    /** dax_finish_sync_fault(): a MAP_SYNC write fault fsyncs before the PTE becomes writable (B7). */
    void syncFault(Inode ip) {
        if (kernel.has(Bug.MAP_SYNC_NOT_DURABLE)) {
            // The bug: the PTE becomes writable with the allocation still only in the
            // running transaction, so a crash can lose a block the application was
            // told it could write to (seed 001: "While a block is writeably mapped ...
            // it is guaranteed to be visible in the file at that offset also after a crash").
            return;
        }
        commit();
    }

    private void writeback(Inode ip) {
        if (ip.dax()) {
            return;
        }
        // block_write_full_page() and iomap_writepage_map() zero the EOF page past i_size
        // before writing it: what a mapping stored there never reaches the disk (B6). Kernels
        // that do not zero it when the file grows still do this (ext4 on 6.1:
        // ext4_bio_write_page() zeroes the page from i_size), so the variant does too.
        zeroEofPageTail(ip);
        for (RangeMap.Run<BlockState> r : ip.extents.runs()) {
            if (r.value() == BlockState.DELALLOC) {
                ip.extents.set(r.start(), r.end(), BlockState.WRITTEN);
            }
        }
        for (RangeMap.Run<Boolean> c : ip.cached.runs()) {
            if (c.value()) {
                for (RangeMap.Run<BlockState> r : ip.extents.runs(c.start(), c.end())) {
                    if (r.value() == BlockState.UNWRITTEN) {
                        ip.extents.set(r.start(), r.end(), BlockState.WRITTEN);
                    }
                }
                ip.media.copyFrom(ip.data, c.start() * g.blockSize(), (c.end() - c.start()) * g.blockSize());
                ip.cached.put(c.start(), c.end(), Boolean.FALSE);
            }
        }
        // Writeback moves i_disksize up to what it wrote (ext4_update_disksize(),
        // xfs_setfilesize()).
        ip.diskSize = ip.size;
        recharge(ip);
        journal();
    }

    // ---------------------------------------------------------------- lseek(2)

    /**
     * lseek(2) with SEEK_DATA or SEEK_HOLE (iomap_seek_data(), iomap_seek_hole()). Data
     * is written and delalloc blocks, and unwritten blocks whose page-cache copy is
     * uptodate; holes and other unwritten blocks are holes, and so is EOF. At or past EOF
     * both fail with ENXIO.
     */
    public SysRet seek(Inode ip, long off, Whence whence) {
        requireLayout(ip);
        if (off < 0 || off >= ip.size) {
            return SysRet.error(Errno.ENXIO);
        }
        long block = g.blockIndex(off);
        long limit = g.blocksFor(ip.size);
        while (block < limit) {
            boolean data = isData(ip, block);
            if (data == (whence == Whence.DATA)) {
                return SysRet.ok(Math.max(off, block * g.blockSize()));
            }
            block = nextChange(ip, block, limit);
        }
        return whence == Whence.DATA ? SysRet.error(Errno.ENXIO) : SysRet.ok(ip.size);
    }

    private boolean isData(Inode ip, long block) {
        BlockState s = ip.extents.state(block);
        if (s == null) {
            return false;
        }
        if (s != BlockState.UNWRITTEN) {
            return true;
        }
        if (ip.dax()) {
            // mapping_seek_hole_data() counts any entry in the mapping as data, and a read
            // fault over an unwritten block leaves a zero-page entry (measured on 6.1).
            long page = block * g.blockSize() / g.pageSize();
            return ip.daxEntries.get(page) != null;
        }
        if (ip.readahead) {
            throw new Unpredictable("SEEK_DATA/SEEK_HOLE over an unwritten extent of a page-cache file after"
                    + " a read: readahead fills pages the model does not track");
        }
        return ip.cached.get(block) != null;
    }

    /** The next block after {@code block} where the data/hole answer may change. */
    private long nextChange(Inode ip, long block, long limit) {
        RangeMap.Run<BlockState> run = ip.extents.nextRun(block);
        long next = run == null ? limit : (run.start() > block ? run.start() : run.end());
        RangeMap.Run<Boolean> c = ip.cached.nextRun(block);
        if (c != null) {
            long cnext = c.start() > block ? c.start() : c.end();
            next = Math.min(next, cnext);
        }
        long perPage = Math.max(1, g.pageSize() / g.blockSize());
        RangeMap.Run<dev.daxspec.oracle.mm.DaxEntry> e = ip.daxEntries.nextRun(block / perPage);
        if (e != null) {
            long enext = (e.start() > block / perPage ? e.start() : e.end()) * perPage;
            next = Math.min(next, enext);
        }
        return Math.min(Math.max(next, block + 1), limit);
    }

    // ---------------------------------------------------------------- stat(2)

    /**
     * stat(2)/statx(2). st_blocks counts allocated and delalloc blocks and the file's
     * metadata blocks, in 512-byte units; STATX_ATTR_DAX is set for S_DAX inodes. The
     * result mask is STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID (0x1fff).
     */
    public StatInfo stat(Inode ip) {
        requireLayout(ip);
        long blocks = (ip.extents.mapped() + profile.metadataBlocks(ip.extents, g)) * (g.blockSize() / 512);
        return new StatInfo(ip.ino(), 0100600, 1, ip.size, blocks, profile.statBlksize(g), 0x1fff,
                ip.dax() ? StatInfo.STATX_ATTR_DAX : 0, profile.attributesMask());
    }

    /**
     * FS_IOC_FSGETXATTR's fsx_xflags on xfs: FS_XFLAG_PREALLOC (0x2) once
     * xfs_alloc_file_space() has run for the file (fallocate or zero range), which sets
     * XFS_DIFLAG_PREALLOC and nothing in the model clears.
     */
    public int xflags(Inode ip) {
        // FS_XFLAG_HASATTR: the attribute fork xfs_create_need_xattr() made at create time.
        return (ip.prealloc ? 0x2 : 0) | (target.fs() == Filesystem.XFS && kernel.profile().xfsAttrForkOnCreate() ? 0x80000000 : 0);
    }

    /** xfs's default allocsize: files smaller than this get no speculative preallocation. */
    private static final long XFS_ALLOCSIZE = 64 << 10;

    /**
     * Refuses what speculative preallocation past EOF on xfs changes (fiemap's extents,
     * i_blocks): how much xfs_iomap_prealloc_size() reserves depends on the extent before
     * the write and on free space, which the model does not follow. Found by daxspec
     * explore against Linux 6.1 and 6.18 alike (fiemap -v shows {@code unwritten} blocks
     * past EOF after a 64 KiB buffered write, until close).
     */
    public void requireNoEofPrealloc(Inode ip) {
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
    public void release(Inode ip) {
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

    // ---------------------------------------------------------------- FS_IOC_FIEMAP

    /**
     * FS_IOC_FIEMAP with FIEMAP_FLAG_SYNC (as xfs_io asks): writes back first, then
     * reports every allocated run, preallocation past EOF included, the last one flagged
     * FIEMAP_EXTENT_LAST (iomap_fiemap()).
     */
    public List<FiemapExtent> fiemap(Inode ip) {
        requireLayout(ip);
        writeback(ip);
        List<FiemapExtent> out = new ArrayList<>();
        List<RangeMap.Run<BlockState>> runs = ip.extents.runs();
        for (int i = 0; i < runs.size(); i++) {
            RangeMap.Run<BlockState> r = runs.get(i);
            int flags = profile.fiemapFlags();
            if (r.value() == BlockState.UNWRITTEN) {
                flags |= FiemapExtent.UNWRITTEN;
            }
            if (i == runs.size() - 1) {
                flags |= FiemapExtent.LAST;
            }
            out.add(new FiemapExtent(r.start() * g.blockSize(), r.length() * g.blockSize(), flags));
        }
        return out;
    }

    // ---------------------------------------------------------------- mmap(2)

    /**
     * mmap(2) of {@code length} bytes at {@code offset} of the file, shared. The offset must
     * be page aligned (EINVAL); a writable shared mapping needs a descriptor open for
     * writing (EACCES); MAP_SYNC needs a DAX file (EOPNOTSUPP, daxdev_mapping_supported(),
     * B7). Mapping past EOF is allowed: it is the access that fails. {@code ownPageTables}:
     * see {@link Mapping#ownPageTables()}.
     */
    public MmapResult mmap(Inode ip, long offset, long length, boolean read, boolean write, boolean exec,
                           boolean sync, boolean priv, boolean readOnlyFd, boolean ownPageTables) {
        if (offset < 0 || length <= 0 || offset % g.pageSize() != 0) {
            return MmapResult.error(Errno.EINVAL);
        }
        // do_mmap(): only a shared writable mapping needs a descriptor open for writing.
        if (write && !priv && readOnlyFd) {
            return MmapResult.error(Errno.EACCES);
        }
        if (sync && !ip.dax()) {
            return MmapResult.error(Errno.EOPNOTSUPP);
        }
        Mapping m = new Mapping(ip, offset, length, read, write, exec, sync, !priv, ownPageTables, g.pageSize(),
                g.pmdSize());
        ip.mappings.add(m);
        return MmapResult.of(m);
    }

    /** munmap(2). The DAX entries the mapping made stay in the file's mapping. */
    public void munmap(Mapping m) {
        inodeOf(m).mappings.remove(m);
    }

    /**
     * msync(2): with MS_SYNC on a shared mapping it is vfs_fsync_range(), a data sync of the
     * file; otherwise (MS_ASYNC, no flag, a private mapping) it does nothing a test can see.
     */
    public void msync(Mapping m, boolean msSync) {
        if (msSync && m.shared()) {
            fsync(inodeOf(m));
        }
    }

    /** A load or store at file offset {@code pos} through {@code m}: faults as needed (see {@link FaultHandler}). */
    public Access access(Mapping m, long pos, boolean write, FaultTrace trace) {
        return faults.access(inodeOf(m), m, pos, write, trace);
    }

    /** The bytes a load of {@code [pos, pos + len)} through {@code m} sees, after {@link #access}. */
    public byte[] load(Mapping m, long pos, int len) {
        Inode ip = inodeOf(m);
        Pte pte = m.pte(g.pageIndex(pos));
        if (pte != null && pte.kind() == Pte.Kind.PRIVATE) {
            return pte.copy().read(pos, len);
        }
        if (pte != null && pte.kind() == Pte.Kind.ZERO) {
            return new byte[len];
        }
        // The block itself, or the page-cache page: bytes past EOF in the last page too.
        return ip.data.read(pos, len);
    }

    /** A store of {@code len} copies of {@code value} at {@code pos} through {@code m}, after {@link #access}. */
    public void store(Mapping m, long pos, long len, byte value) {
        Inode ip = inodeOf(m);
        Pte pte = m.pte(g.pageIndex(pos));
        if (pte != null && pte.kind() == Pte.Kind.PRIVATE) {
            pte.copy().fill(pos, len, value);
            return;
        }
        ip.fill(pos, len, value);
    }

    private static Inode inodeOf(Mapping m) {
        return (Inode) m.file();
    }

    /**
     * ->page_mkwrite() for a page-cache file: allocates the page's blocks within EOF,
     * delayed where the filesystem delays, and dirties them; false at ENOSPC (SIGBUS).
     */
    boolean pageMkwrite(Inode ip, long first, long end) {
        long needed = 0;
        for (RangeMap.Run<BlockState> hole : holes(ip, first, end)) {
            needed += hole.length();
        }
        if (needed > 0 && needed + profile.allocationReserve(g) > freeBlocks()) {
            capacity.requireKnown(target);
            return false;
        }
        if (needed > 0 && target.fs() == dev.daxspec.oracle.target.Filesystem.XFS) {
            // Measured: xfs allocated four blocks at writeback for a single page a mapping
            // dirtied over a hole of a sparse file; how much it allocates is not modelled.
            ip.layoutUnknown = "xfs allocated blocks for a page a mapping dirtied over a hole";
        }
        BlockState fresh = profile.delaysAllocation() ? BlockState.DELALLOC : BlockState.WRITTEN;
        for (RangeMap.Run<BlockState> hole : holes(ip, first, end)) {
            ip.extents.set(hole.start(), hole.end(), fresh);
            ip.metadataDirty = true;
        }
        if (end > first) {
            ip.cached.put(first, end, Boolean.TRUE);
        }
        recharge(ip);
        journal();
        return true;
    }

    /**
     * unmap_mapping_range() and the removal of DAX entries for pages {@code [first, end)}:
     * their PTEs go from every mapping, and so does any huge PMD or PMD entry that
     * overlaps them.
     */
    private void unmap(Inode ip, long first, long end, boolean evenCows) {
        if (end <= first) {
            return;
        }
        for (Mapping m : ip.mappings) {
            if (evenCows) {
                m.zapPtes(first, end);
            } else {
                m.zapFilePtes(first, end);
            }
            m.zapHuge(first, end);
        }
        long ppp = g.pmdSize() / g.pageSize();
        long from = first / ppp * ppp;
        long to = end == Long.MAX_VALUE / g.pageSize() ? end : (end + ppp - 1) / ppp * ppp;
        for (RangeMap.Run<dev.daxspec.oracle.mm.DaxEntry> e : ip.daxEntries.runs(from, to)) {
            if (e.value().pmd()) {
                ip.daxEntries.remove(e.start(), e.end());
            }
        }
        ip.daxEntries.remove(first, end);
    }

    /**
     * Before a punch or zero range changes blocks under mappings, their pages are unmapped
     * (B10): ext4 unmaps the whole blocks of the range (truncate_pagecache_range() in
     * ext4_punch_hole() and ext4_zero_range()), xfs the range rounded out to pages
     * (xfs_flush_unmap_range()). With the punch-keeps-stale-mapping bug the punched pages
     * stay mapped to their old blocks.
     */
    private void unmapForHoleChange(Inode ip, long off, long end, long firstFull, long endFull, boolean punch) {
        long first;
        long last;
        if (target.fs().isExt4Driver()) {
            first = g.pageIndex(firstFull * g.blockSize() + g.pageSize() - 1);
            last = g.pageIndex(endFull * g.blockSize());
        } else {
            first = g.pageIndex(off);
            last = g.pagesFor(end);
        }
        if (punch && kernel.has(Bug.PUNCH_KEEPS_STALE_MAPPING)) {
            // The bug (seed 001, "Basically we do the same on events like punch hole"):
            // the mappings keep the punched blocks, now free, with what they held.
            for (Mapping m : ip.mappings) {
                for (RangeMap.Run<Pte> r : m.ptes(first, last)) {
                    for (long p = r.start(); p < r.end(); p++) {
                        dev.daxspec.oracle.storage.FileData stale = new dev.daxspec.oracle.storage.FileData();
                        long pos = p * g.pageSize();
                        byte[] old = ip.data.read(pos, g.pageSize());
                        for (int i = 0; i < old.length; i++) {
                            stale.fill(pos + i, 1, old[i]);
                        }
                        m.setPte(p, new Pte(Pte.Kind.PRIVATE, r.value().writable(), stale));
                    }
                }
            }
            return;
        }
        // truncate_pagecache_range() leaves private copy-on-write pages alone.
        unmap(ip, first, last, false);
        breakLayouts(ip);
    }

    /**
     * ext4_break_layouts() and xfs_break_layouts(BREAK_UNMAP): for a DAX file,
     * dax_layout_busy_page() unmaps every page of the file from every mapping (the page
     * tables, the DAX entries and private copies stay), so the next access of any page
     * faults again.
     * Truncate, punch and zero range do it on both filesystems, and every fallocate on xfs.
     */
    private void breakLayouts(Inode ip) {
        if (!ip.dax()) {
            return;
        }
        for (Mapping m : ip.mappings) {
            m.zapFilePtes(0, Long.MAX_VALUE);
            m.zapHuge(0, Long.MAX_VALUE);
        }
    }

    /** What read(2) returns for {@code [pos, pos + len)}, which must lie within i_size. */
    public byte[] readData(Inode ip, long pos, int len) {
        byte[] out = ip.data.read(pos, len);
        long firstBlock = g.blockIndex(pos);
        long endBlock = g.blocksFor(pos + len);
        for (RangeMap.Run<BlockState> r : ip.extents.runs(firstBlock, endBlock)) {
            if (r.value() != BlockState.UNWRITTEN) {
                continue;
            }
            // An unwritten block reads as zeros unless the page cache holds newer data.
            for (long b = r.start(); b < r.end(); b++) {
                if (!ip.dax() && ip.dirty(b)) {
                    continue;
                }
                long from = Math.max(pos, b * g.blockSize());
                long to = Math.min(pos + len, (b + 1) * g.blockSize());
                java.util.Arrays.fill(out, (int) (from - pos), (int) (to - pos), (byte) 0);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static void requireLayout(Inode ip) {
        if (ip.layoutUnknown != null) {
            throw new Unpredictable(ip.name() + "'s block layout is not modelled: " + ip.layoutUnknown);
        }
    }

    /** The holes in blocks {@code [first, end)}, as runs with a null value. */
    private static List<RangeMap.Run<BlockState>> holes(Inode ip, long first, long end) {
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

    /** Frees blocks: they read as a hole; the device keeps what they held. */
    private void freeBlocks(Inode ip, long first, long end) {
        ip.extents.clear(first, end);
        long from = first * g.blockSize();
        long to = end == Long.MAX_VALUE ? Long.MAX_VALUE : end * g.blockSize();
        ip.data.zero(from, to - from);
    }

    /**
     * Page-cache files: zeroing through the page cache left data writeback must write in
     * the allocated blocks of {@code [first, end)}. Unwritten blocks read as zeros anyway
     * and stay unwritten (measured: ext4 zero range leaves its preallocated edge block
     * unwritten through the page cache).
     */
    private void markDirty(Inode ip, long first, long end) {
        if (!ip.dax() && end > first) {
            for (RangeMap.Run<BlockState> r : ip.extents.runs(first, end)) {
                if (r.value() != BlockState.UNWRITTEN) {
                    ip.cached.put(r.start(), r.end(), Boolean.TRUE);
                }
            }
        }
    }

    void recharge(Inode ip) {
        long now = ip.extents.mapped() + profile.metadataBlocks(ip.extents, g);
        used += now - ip.charge;
        ip.charge = now;
    }
}

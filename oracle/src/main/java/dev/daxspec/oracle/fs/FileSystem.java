package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.mm.FaultTrace;
import dev.daxspec.oracle.mm.Mapping;
import dev.daxspec.oracle.target.DaxPolicy;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A mounted filesystem's in-memory state, and the file system calls on it. Each method
 * is one system call and returns what the kernel returns; errno is data ({@link SysRet}).
 * The rules follow Debian's 6.1 kernel (fs/dax.c, fs/iomap, fs/ext4, fs/xfs); each is
 * commented, where it is implemented, with the function it follows and the seed thread
 * it answers: write(2) in {@link WriteIter}, read(2) in {@link ReadIter}, ftruncate(2) in
 * {@link Setattr}, fallocate(2) in {@link Fallocate}, writeback in {@link PageCache}, the
 * journal and crashes in {@link Journal}, free space in {@link Allocator}, lseek, stat
 * and fiemap in {@link Queries}, mmap and the mappings in {@link Mappings}, page faults in
 * {@link FaultHandler}, and xfs's blocks past EOF in {@link EofBlocks}.
 *
 * <p>Not thread-safe: one program drives one filesystem.
 */
public final class FileSystem {

    private final Target target;
    private final Kernel kernel;
    private final Geometry g;
    private final FsProfile profile;
    private final DaxPolicy policy;
    private final Map<String, Inode> files = new TreeMap<>();
    private long nextIno;
    private final Allocator alloc;
    private final Journal journal;
    private final PageCache pageCache;
    private final Mappings mappings;
    private final EofBlocks eofBlocks;
    private final WriteIter writes;
    private final ReadIter reads;
    private final Setattr setattr;
    private final Fallocate fallocate;
    private final Queries queries;
    private final FaultHandler faults;

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
        this.nextIno = profile.firstFileIno(g);
        this.alloc = new Allocator(target, profile, capacity);
        this.journal = new Journal(this, kernel);
        SuperBlock sb = new SuperBlock(target, g, kernel, profile, alloc, journal);
        EofPage eofPage = new EofPage(g, kernel);
        this.pageCache = new PageCache(sb, eofPage);
        this.mappings = new Mappings(target, kernel);
        this.eofBlocks = new EofBlocks(target, kernel);
        this.writes = new WriteIter(sb, eofPage, eofBlocks);
        this.reads = new ReadIter(g);
        this.setattr = new Setattr(sb, eofPage, pageCache, mappings);
        this.fallocate = new Fallocate(sb, eofPage, eofBlocks, pageCache, mappings);
        this.queries = new Queries(sb, pageCache);
        this.faults = new FaultHandler(sb, pageCache);
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
        return alloc.freeBlocks();
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
            profile.checkCreate(alloc.freeBlocksForCreate());
        }
        Inode ip = files.get(name);
        if (ip == null) {
            ip = new Inode(nextIno++, name, policy == DaxPolicy.ALWAYS);
            files.put(name, ip);
            journal.note();
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
     *     btree reserve; ext2 cannot be filled at all
     */
    public void fillTo(long free) {
        if (target.fs() == Filesystem.EXT2) {
            // ext4_fallocate() returns EOPNOTSUPP for a file without extents, and every ext2
            // file is block-mapped; daxspec_fill fills with fallocate.
            throw new IllegalArgumentException("ext2 cannot be filled: daxspec_fill uses fallocate, which"
                    + " files without extents do not support");
        }
        long reserve = profile.allocationReserve(g);
        if (free < reserve) {
            throw new IllegalArgumentException(target.fs() + " cannot be filled to fewer than " + reserve
                    + " free blocks: every allocation keeps " + reserve + " for its bmap btree");
        }
        if (alloc.capacity().known() && freeBlocks() < free) {
            throw new IllegalArgumentException("cannot leave " + free + " blocks free: only " + freeBlocks() + " are");
        }
        create(".fill0");
        create(".fill1");
        alloc.leaveFree(free);
        // daxspec_fill ends with sync, so the fill survives a crash.
        journal.commit();
    }

    DaxPolicy policy() {
        return policy;
    }

    Capacity capacity() {
        return alloc.capacity();
    }

    long nextIno() {
        return nextIno;
    }

    /** Recovery: puts a recovered file back. */
    void restore(Inode ip) {
        files.put(ip.name(), ip);
        alloc.recharge(ip);
    }

    /** Recovery: the inode number the next new file gets. */
    void restoreNextIno(long next) {
        nextIno = next;
    }

    /** The files, by name. */
    public List<Inode> files() {
        return List.copyOf(files.values());
    }

    // ---------------------------------------------------------------- the data path

    /**
     * One pwrite(2) of {@code len} copies of {@code value} at {@code pos}: the bytes
     * written, short when space runs out (B9), or the errno.
     */
    public SysRet write(Inode ip, long pos, long len, byte value) {
        return writes.write(ip, pos, len, value);
    }

    /**
     * What {@link #write} would return, without writing: lets a caller that splits a
     * write into chunks (xfs_io's buffer) see whether the chunks would all succeed.
     * {@code pos} must not be negative and {@code len} must be positive.
     */
    public SysRet probeWrite(Inode ip, long pos, long len) {
        return writes.probe(ip, pos, len);
    }

    /**
     * Whether a write's effect depends on how it is split into system calls: ext4 converts
     * unwritten extents per call ({@link FsProfile#conversion}), so a DAX write over
     * unwritten blocks must be replayed call by call; and when crash states are recorded,
     * every call is a point a crash may find committed.
     */
    public boolean chunkSensitive(Inode ip, long pos, long len) {
        return writes.chunkSensitive(ip, pos, len);
    }

    /**
     * One pread(2): the number of bytes it returns. Holes and unwritten blocks read as
     * zeros (B8); reads stop at i_size. The bytes: {@link #readData}. {@code pos} and
     * {@code len} must not be negative.
     */
    public SysRet read(Inode ip, long pos, long len) {
        return reads.read(ip, pos, len);
    }

    /** What read(2) returns for {@code [pos, pos + len)}, which must lie within i_size. */
    public byte[] readData(Inode ip, long pos, int len) {
        return reads.data(ip, pos, len);
    }

    /** ftruncate(2): blocks past the new EOF are freed; bytes past the old EOF read as zero (B6). */
    public SysRet truncate(Inode ip, long size) {
        return setattr.truncate(ip, size);
    }

    /**
     * fallocate(2) with mode 0, KEEP_SIZE, PUNCH_HOLE|KEEP_SIZE or ZERO_RANGE
     * (optionally with KEEP_SIZE); {@code mode} is made of {@link FallocMode}'s bits.
     */
    public SysRet fallocate(Inode ip, int mode, long off, long len) {
        return fallocate.fallocate(ip, mode, off, len);
    }

    /**
     * fsync(2) and fdatasync(2): writes back the page cache, which allocates delayed
     * blocks and converts unwritten blocks under dirty pages to written, and commits the
     * journal.
     */
    public SysRet fsync(Inode ip) {
        pageCache.writeback(ip);
        journal.commit();
        return SysRet.ZERO;
    }

    /** sync(2): writes back every file and commits the journal. */
    public void sync() {
        files.values().forEach(pageCache::writeback);
        journal.commit();
    }

    // ---------------------------------------------------------------- crashes

    /** Starts keeping every state a crash could leave, for programs that crash. */
    public void recordCrashStates() {
        journal.recordCrashStates();
    }

    /**
     * An immediate reboot without sync: the filesystems the next mount may find, one
     * for each point the journal may have committed up to (the last forced commit
     * first), after journal or log recovery. File data: what the device holds (DAX
     * stores and written-back pages) for the blocks written in that state; zeros for
     * unwritten blocks and holes.
     *
     * @throws IllegalStateException unless {@link #recordCrashStates} was called
     */
    public List<FileSystem> crash() {
        return journal.crash();
    }

    /** umount and mount: everything becomes durable, the page cache and DAX entries are gone. */
    public FileSystem remount() {
        return journal.remount(this::sync);
    }

    // ---------------------------------------------------------------- queries

    /**
     * lseek(2) with SEEK_DATA or SEEK_HOLE: the offset found, or ENXIO at or past EOF.
     *
     * @throws Unpredictable when the answer depends on what the model does not follow
     */
    public SysRet seek(Inode ip, long off, Whence whence) {
        return queries.seek(ip, off, whence);
    }

    /**
     * stat(2)/statx(2).
     *
     * @throws Unpredictable when the file's block layout is not known
     */
    public StatInfo stat(Inode ip) {
        return queries.stat(ip);
    }

    /** FS_IOC_FSGETXATTR's fsx_xflags on xfs. */
    public int xflags(Inode ip) {
        return queries.xflags(ip);
    }

    /**
     * FS_IOC_FIEMAP with FIEMAP_FLAG_SYNC (as xfs_io asks): writes back first, then
     * reports every allocated run, the last one flagged FIEMAP_EXTENT_LAST.
     *
     * @throws Unpredictable when the file's block layout is not known
     */
    public List<FiemapExtent> fiemap(Inode ip) {
        return queries.fiemap(ip);
    }

    /**
     * Refuses what speculative preallocation past EOF on xfs changes (fiemap's extents,
     * i_blocks).
     *
     * @throws Unpredictable when xfs may hold blocks past EOF
     */
    public void requireNoEofPrealloc(Inode ip) {
        eofBlocks.requireNone(ip);
    }

    /**
     * The last close of a file: on xfs it may free the blocks past EOF; on ext4 it drops
     * the inode's preallocation (ext4_release_file(): ext4_discard_preallocations()).
     */
    public void release(Inode ip) {
        eofBlocks.release(ip);
        ip.pmdWindows.clear();
    }

    // ---------------------------------------------------------------- mmap(2)

    /**
     * mmap(2) of {@code length} bytes at {@code offset} of the file, shared unless
     * {@code priv}: the mapping or the errno (EINVAL, EACCES, EOPNOTSUPP). {@code
     * ownPageTables}: see {@link Mapping#ownPageTables()}.
     */
    public MmapResult mmap(
            Inode ip,
            long offset,
            long length,
            boolean read,
            boolean write,
            boolean exec,
            boolean sync,
            boolean priv,
            boolean readOnlyFd,
            boolean ownPageTables) {
        return mappings.mmap(ip, offset, length, read, write, exec, sync, priv, readOnlyFd, ownPageTables);
    }

    /** munmap(2). The DAX entries the mapping made stay in the file's mapping. */
    public void munmap(Mapping m) {
        mappings.munmap(m);
    }

    /**
     * msync(2): with MS_SYNC on a shared mapping it is vfs_fsync_range(), a data sync of the
     * file; otherwise (MS_ASYNC, no flag, a private mapping) it does nothing a test can see.
     */
    public void msync(Mapping m, boolean msSync) {
        if (msSync && m.shared()) {
            fsync(Mappings.inodeOf(m));
        }
    }

    /** A load or store at file offset {@code pos} through {@code m}: faults as needed (see {@link FaultHandler}). */
    public Access access(Mapping m, long pos, boolean write, FaultTrace trace) {
        return faults.access(Mappings.inodeOf(m), m, pos, write, trace);
    }

    /** The bytes a load of {@code [pos, pos + len)} through {@code m} sees, after {@link #access}. */
    public byte[] load(Mapping m, long pos, int len) {
        return mappings.load(m, pos, len);
    }

    /** A store of {@code len} copies of {@code value} at {@code pos} through {@code m}, after {@link #access}. */
    public void store(Mapping m, long pos, long len, byte value) {
        mappings.store(m, pos, len, value);
    }
}

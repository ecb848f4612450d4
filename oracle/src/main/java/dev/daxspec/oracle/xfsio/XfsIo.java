package dev.daxspec.oracle.xfsio;

import dev.daxspec.oracle.fs.Errno;
import dev.daxspec.oracle.fs.FallocMode;
import dev.daxspec.oracle.fs.FiemapExtent;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.fs.Inode;
import dev.daxspec.oracle.fs.MmapResult;
import dev.daxspec.oracle.fs.StatInfo;
import dev.daxspec.oracle.fs.SysRet;
import dev.daxspec.oracle.fs.Whence;
import dev.daxspec.oracle.mm.FaultTrace;
import dev.daxspec.oracle.mm.Mapping;
import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fdatasync;
import dev.daxspec.oracle.ops.Fiemap;
import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Fsync;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Mmap;
import dev.daxspec.oracle.ops.Mread;
import dev.daxspec.oracle.ops.Msync;
import dev.daxspec.oracle.ops.Munmap;
import dev.daxspec.oracle.ops.Mwrite;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.ops.Stat;
import dev.daxspec.oracle.ops.Statx;
import dev.daxspec.oracle.ops.Sync;
import dev.daxspec.oracle.ops.Truncate;
import dev.daxspec.oracle.target.Device;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs one {@link Invocation} of xfs_io against a {@link FileSystem}, printing what
 * xfsprogs 6.1's xfs_io prints (io/pwrite.c, io/pread.c, io/seek.c, io/stat.c,
 * io/fiemap.c, io/prealloc.c, libxcmd/command.c), already as the shared
 * {@link TranscriptFilter} leaves it: timing lines as _filter_xfs_io prints them, the
 * scratch mount as SCRATCH_MNT, times and device numbers as X, fiemap tables as
 * xfstests' _filter_fiemap prints them.
 *
 * <p>One instance per invocation; not thread-safe.
 */
public final class XfsIo implements Op.Visitor<Void> {

    /** report_io_times()' second line after _filter_xfs_io. */
    public static final String TIMING = "XXX Bytes, X ops; XX:XX:XX.X (XXX YYY/sec and XXX ops/sec)\n";

    private final FileSystem fs;
    private final Invocation inv;
    private final Stdio stdio;
    private final boolean foreign;
    private final FaultTrace trace = new FaultTrace();
    /** xfs_io's maptable; {@code current} indexes the active mapping. */
    private final List<Mapping> maptable = new ArrayList<>();

    private int current = -1;
    private Inode ip;
    private int exitcode;

    private XfsIo(FileSystem fs, Invocation inv) {
        this.fs = fs;
        this.inv = inv;
        this.stdio = new Stdio(fs.geometry().pageSize());
        this.foreign = fs.target().fs() != Filesystem.XFS;
    }

    /** Runs {@code inv} to its end, as {@code xfs_io ... 2>&1} would. */
    public static XfsIoResult run(FileSystem fs, Invocation inv) {
        return new XfsIo(fs, inv).run();
    }

    /**
     * The parser for commands on files of this filesystem: init_cvtnum() gives the
     * {@code b} and {@code s} units the XFS geometry's sizes on xfs, and 4096 and 512 on
     * any other filesystem.
     */
    public static CommandParser parserFor(Target target) {
        if (target.fs() == Filesystem.XFS) {
            return new CommandParser(target.blockSize(), XfsGeometry.sectorSize(target));
        }
        return new CommandParser(4096, 512);
    }

    private XfsIoResult run() {
        Optional<Inode> found = fs.lookup(inv.file());
        if (found.isEmpty() && !inv.create()) {
            stdio.err(inv.path() + ": " + Errno.ENOENT.message() + "\n");
            return new XfsIoResult(stdio.exited(), 1, trace);
        }
        ip = found.orElseGet(() -> fs.create(inv.file()));
        try {
            for (Op op : inv.ops()) {
                op.accept(this);
            }
        } catch (Killed k) {
            maptable.forEach(fs::munmap);
            fs.release(ip);
            return new XfsIoResult(stdio.killed(), k.status, trace);
        }
        // exit() unmaps nothing the model keeps: DAX entries stay with the file.
        maptable.forEach(fs::munmap);
        fs.release(ip);
        return new XfsIoResult(stdio.exited(), exitcode, trace);
    }

    /** A signal that ended the process, as the shell reports it. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Killed(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /** The chunk size of pwrite and pread without -b: init_cvtnum()'s block size. */
    private long defaultBufferSize() {
        return foreign ? 4096 : fs.geometry().blockSize();
    }

    private void perror(String prefix, Errno e) {
        stdio.err(prefix + ": " + e.message() + "\n");
    }

    private void report(String verb, long offset, long count, long total) {
        stdio.out(verb + " " + total + "/" + count + " bytes at offset " + offset + "\n");
        stdio.out(TIMING);
    }

    // ---------------------------------------------------------------- pwrite

    /**
     * write_buffer(): pwrite(2) in chunks of bsize; a chunk that fails prints
     * {@code pwrite: <error>} and nothing else, a short chunk ends the loop, and the
     * report gives the total written against the length asked for.
     */
    @Override
    public Void pwrite(Pwrite op) {
        long bsize = op.bufferSize().orElse(defaultBufferSize());
        long offset = op.offset();
        long count = op.length();
        if (inv.readOnly()) {
            // vfs_write() checks FMODE_WRITE before anything else, even for 0 bytes.
            perror("pwrite", Errno.EBADF);
            exitcode = 1;
            return null;
        }
        long total = 0;
        // When the whole write succeeds, its chunks are one write as far as the model
        // can tell; a write that runs out of space or size, or whose effect depends on
        // its system calls, is replayed chunk by chunk.
        if (count > 0
                && !fs.chunkSensitive(ip, offset, count)
                && fs.probeWrite(ip, offset, count).value() == count) {
            fs.write(ip, offset, count, op.pattern());
            total = count;
        } else {
            long bar = Math.min(bsize, count);
            while (count >= 0) {
                SysRet r = fs.write(ip, offset, Math.min(count, bar), op.pattern());
                if (r.failed()) {
                    perror("pwrite", r.errno().get());
                    exitcode = 1;
                    return null;
                }
                if (r.value() == 0) {
                    break;
                }
                total += r.value();
                if (r.value() < Math.min(count, bar)) {
                    break;
                }
                offset += r.value();
                count -= r.value();
                if (count == 0) {
                    break;
                }
            }
        }
        report("wrote", op.offset(), op.length(), total);
        return null;
    }

    // ---------------------------------------------------------------- pread

    /**
     * read_forward(): pread(2) in chunks of bsize until a short read; with -v each chunk
     * is dumped as it is read (so dump lines restart at each chunk's offset).
     */
    @Override
    public Void pread(Pread op) {
        long bsize = op.bufferSize().orElse(defaultBufferSize());
        long offset = op.offset();
        long count = op.length();
        long total = 0;
        if (!op.verbose()) {
            SysRet r = fs.read(ip, offset, count);
            total = r.value();
        } else {
            while (count > 0) {
                SysRet r = fs.read(ip, offset, Math.min(count, bsize));
                if (r.value() == 0) {
                    break;
                }
                dump(offset, fs.readData(ip, offset, (int) r.value()));
                total += r.value();
                if (r.value() < Math.min(count, bsize)) {
                    break;
                }
                offset += r.value();
                count -= r.value();
            }
        }
        report("read", op.offset(), op.length(), total);
        return null;
    }

    /** __dump_buffer(): 16 bytes a line, {@code %08llx:  } then {@code %02x } each, a space, and isalnum() or '.'. */
    private void dump(long offset, byte[] buf) {
        StringBuilder line = new StringBuilder(80);
        for (int i = 0; i < buf.length; i += 16) {
            line.setLength(0);
            line.append(String.format(Locale.ROOT, "%08x:  ", offset + i));
            int n = Math.min(16, buf.length - i);
            for (int j = 0; j < n; j++) {
                line.append(String.format(Locale.ROOT, "%02x ", buf[i + j] & 0xff));
            }
            line.append(' ');
            for (int j = 0; j < n; j++) {
                int c = buf[i + j] & 0xff;
                boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                line.append(alnum ? (char) c : '.');
            }
            stdio.out(line.append('\n').toString());
        }
    }

    // ---------------------------------------------------------------- truncate, fallocate, fsync

    @Override
    public Void truncate(Truncate op) {
        // do_sys_ftruncate(): a descriptor not open for writing gives EINVAL.
        SysRet r = inv.readOnly() ? SysRet.error(Errno.EINVAL) : fs.truncate(ip, op.size());
        if (r.failed()) {
            perror("ftruncate", r.errno().get());
            exitcode = 1;
        }
        return null;
    }

    @Override
    public Void falloc(Falloc op) {
        fallocate(op.keepSize() ? FallocMode.KEEP_SIZE : 0, op.offset(), op.length(), true);
        return null;
    }

    @Override
    public Void fpunch(Fpunch op) {
        fallocate(FallocMode.PUNCH_HOLE | FallocMode.KEEP_SIZE, op.offset(), op.length(), true);
        return null;
    }

    /** fzero_f() prints the error but, unlike falloc and fpunch, leaves the exit status alone. */
    @Override
    public Void fzero(Fzero op) {
        fallocate(FallocMode.ZERO_RANGE | (op.keepSize() ? FallocMode.KEEP_SIZE : 0), op.offset(), op.length(), false);
        return null;
    }

    private void fallocate(int mode, long off, long len, boolean setsExitStatus) {
        // vfs_fallocate(): "if (!(file->f_mode & FMODE_WRITE)) return -EBADF;"
        SysRet r = inv.readOnly() ? SysRet.error(Errno.EBADF) : fs.fallocate(ip, mode, off, len);
        if (r.failed()) {
            perror("fallocate", r.errno().get());
            if (setsExitStatus) {
                exitcode = 1;
            }
        }
    }

    @Override
    public Void fsync(Fsync op) {
        fs.fsync(ip);
        return null;
    }

    @Override
    public Void fdatasync(Fdatasync op) {
        fs.fsync(ip);
        return null;
    }

    // ---------------------------------------------------------------- seek

    /** seek_f(): the {@code Whence\tResult} table; data and hole alternate from the start offset. */
    @Override
    public Void seek(Seek op) {
        final int data = 0;
        final int hole = 1;
        long start = op.offset();
        SysRet result;
        int current;
        if (op.hole()) {
            current = hole;
            result = fs.seek(ip, start, Whence.HOLE);
            if (!(!result.failed() && result.value() == start) && op.data()) {
                current = data;
                result = fs.seek(ip, start, Whence.DATA);
            }
        } else {
            current = data;
            result = fs.seek(ip, start, Whence.DATA);
        }
        stdio.out(op.showStart() ? "Whence\tStart\tResult\n" : "Whence\tResult\n");
        boolean wantData = op.data();
        boolean wantHole = op.hole();
        for (int c = 0; wantData || wantHole; c++) {
            String name = current == data ? "DATA" : "HOLE";
            if (result.failed()) {
                // Only ENXIO can come from the model: print EOF if it is the only entry.
                if (c == 0) {
                    stdio.out(op.showStart() ? name + "\t" + start + "\tEOF\n" : name + "\tEOF\n");
                }
                return null;
            }
            if (current == data ? wantData : wantHole) {
                stdio.out(
                        op.showStart()
                                ? name + "\t" + start + "\t" + result.value() + "\n"
                                : name + "\t" + result.value() + "\n");
            }
            if (!op.repeat()) {
                if (current == data) {
                    wantData = false;
                } else {
                    wantHole = false;
                }
            }
            current ^= 1;
            start = result.value();
            result = fs.seek(ip, start, current == data ? Whence.DATA : Whence.HOLE);
        }
        return null;
    }

    // ---------------------------------------------------------------- stat, statx

    @Override
    public Void stat(Stat op) {
        fs.requireNoEofPrealloc(ip);
        printStat(fs.stat(ip));
        return null;
    }

    /** statx_f() sets exitcode to 0 when statx(2) succeeds, forgetting earlier failures. */
    @Override
    public Void statx(Statx op) {
        fs.requireNoEofPrealloc(ip);
        StatInfo st = fs.stat(ip);
        exitcode = 0;
        if (!op.raw()) {
            printStat(st);
            return null;
        }
        stdio.out("stat.mask = 0x" + Integer.toHexString(st.mask()) + "\n"
                + "stat.blksize = " + st.blksize() + "\n"
                + "stat.attributes = 0x" + Long.toHexString(st.attributes()) + "\n"
                + "stat.nlink = " + st.nlink() + "\n"
                + "stat.uid = 0\n"
                + "stat.gid = 0\n"
                + "stat.mode: 0" + Integer.toOctalString(st.mode()) + "\n"
                + "stat.ino = " + st.ino() + "\n"
                + "stat.size = " + st.size() + "\n"
                + "stat.blocks = " + st.blocks() + "\n"
                + "stat.attributes_mask = 0x" + Long.toHexString(st.attributesMask()) + "\n");
        for (String t : List.of("atime", "btime", "ctime", "mtime")) {
            stdio.out("stat." + t + ".tv_sec = X\nstat." + t + ".tv_nsec = X\n");
        }
        stdio.out("stat.rdev_major = 0\nstat.rdev_minor = 0\nstat.dev_major = X\nstat.dev_minor = X\n");
        return null;
    }

    /** stat_f() and statx_f() without -r: file info, then on xfs the fsxattr and dioattr lines. */
    private void printStat(StatInfo st) {
        stdio.out("fd.path = \"" + inv.path() + "\"\n"
                + "fd.flags = non-sync,non-direct," + (inv.readOnly() ? "read-only" : "read-write") + "\n"
                + "stat.ino = " + st.ino() + "\n"
                + "stat.type = regular file\n"
                + "stat.size = " + st.size() + "\n"
                + "stat.blocks = " + st.blocks() + "\n");
        if (foreign) {
            return;
        }
        int xflags = fs.xflags(ip);
        stdio.out("fsxattr.xflags = 0x" + Integer.toHexString(xflags) + " " + XfsGeometry.printxattr(xflags) + "\n"
                + "fsxattr.projid = 0\n"
                + "fsxattr.extsize = 0\n"
                + "fsxattr.cowextsize = 0\n"
                + "fsxattr.nextents = X\n"
                + "fsxattr.naextents = 0\n");
        int sector = Device.LOGICAL_SECTOR_SIZE;
        stdio.out("dioattr.mem = 0x" + Integer.toHexString(sector) + "\n"
                + "dioattr.miniosz = " + sector + "\n"
                + "dioattr.maxiosz = " + (Integer.MAX_VALUE & ~(sector - 1)) + "\n");
    }

    // ---------------------------------------------------------------- sync, mmap and friends

    @Override
    public Void sync(Sync op) {
        fs.sync();
        return null;
    }

    @Override
    public Void mmap(Mmap op) {
        boolean[] prot = op.prot();
        MmapResult r = fs.mmap(
                ip,
                op.offset(),
                op.length(),
                prot[0],
                prot[1],
                prot[2],
                op.sync(),
                op.priv(),
                inv.readOnly(),
                inv.probe());
        if (r.errno().isPresent()) {
            perror("mmap", r.errno().get());
            exitcode = 1;
            return null;
        }
        maptable.add(r.mapping().get());
        current = maptable.size() - 1;
        return null;
    }

    /** init_check_command(): the mapping commands need one, and say so without failing. */
    private Mapping requireMapping() {
        if (current < 0) {
            stdio.err("no mapped regions, try 'help mmap'\n");
            return null;
        }
        return maptable.get(current);
    }

    /** The current mapping and the bytes of it a mapping command names. */
    private record MappedRange(Mapping mapping, long offset, long length) {}

    /**
     * The current mapping and the range a mapping command names, the whole mapping by
     * default, as mread_f(), mwrite_f() and msync_f() find them; null when there is no
     * mapping, or when check_mapping_range() refuses the range (exit status 1).
     */
    private MappedRange mappedRange(OptionalLong offset, OptionalLong length, boolean pageAlign) {
        Mapping m = requireMapping();
        if (m == null) {
            return null;
        }
        long off = offset.orElse(m.offset());
        long len = length.orElse(m.length());
        if (!inRange(m, off, len, pageAlign)) {
            exitcode = 1;
            return null;
        }
        return new MappedRange(m, off, len);
    }

    /**
     * check_mapping_range(), quirks included: its second test compares the end of the
     * range, relative to the mapping, with the mapping's file offset plus its length.
     */
    private boolean inRange(Mapping m, long offset, long length, boolean pageAlign) {
        if (offset < m.offset()) {
            stdio.out("offset (" + offset + ") is before start of mapping (" + m.offset() + ")\n");
            return false;
        }
        long relative = offset - m.offset();
        if (relative > m.length()) {
            stdio.out("offset (" + relative + ") is beyond end of mapping (" + m.offset() + ")\n");
            return false;
        }
        if (relative + length > m.offset() + m.length()) {
            stdio.out("range (" + offset + ":" + relative + ") is beyond mapping (" + m.offset() + ":" + m.length()
                    + ")\n");
            return false;
        }
        if (pageAlign && relative % fs.geometry().pageSize() != 0) {
            stdio.out("offset address (ADDR) is not page aligned\n");
            return false;
        }
        return true;
    }

    /** Touches every page of {@code [pos, pos + len)} in order, dying as the process would. */
    private void touch(Mapping m, long pos, long len, boolean write) {
        int page = fs.geometry().pageSize();
        long p = pos;
        while (p < pos + len) {
            switch (fs.access(m, p, write, trace)) {
                case OK -> {}
                case SIGBUS -> throw new Killed(XfsIoResult.SIGBUS_STATUS);
                case SIGSEGV -> throw new Killed(XfsIoResult.SIGSEGV_STATUS);
            }
            p = (p / page + 1) * page;
        }
    }

    /**
     * mread_f(): loads byte by byte; with -v or -f it dumps in chunks, the first of
     * {@code length % pagesize} bytes (or a page), then a page at a time. A first chunk of
     * one byte is never dumped and, by the same counting, nothing after it is.
     */
    @Override
    public Void mread(Mread op) {
        MappedRange r = mappedRange(op.offset(), op.length(), false);
        if (r == null) {
            return null;
        }
        Mapping m = r.mapping();
        long offset = r.offset();
        long length = r.length();
        boolean dump = op.verbose() || op.fileOffsets();
        long print = op.fileOffsets() ? offset : offset - m.offset();
        int page = fs.geometry().pageSize();
        long chunk = length % page == 0 ? page : length % page;
        long done = 0;
        boolean dumping = dump && chunk != 1;
        while (done < length) {
            touch(m, offset + done, chunk, false);
            if (dumping) {
                dump(print + done, fs.load(m, offset + done, (int) chunk));
            }
            done += chunk;
            chunk = page;
        }
        return null;
    }

    @Override
    public Void mwrite(Mwrite op) {
        MappedRange r = mappedRange(op.offset(), op.length(), false);
        if (r == null) {
            return null;
        }
        Mapping m = r.mapping();
        long offset = r.offset();
        long length = r.length();
        int page = fs.geometry().pageSize();
        long p = offset;
        while (p < offset + length) {
            long n = Math.min(offset + length, (p / page + 1) * page) - p;
            touch(m, p, n, true);
            fs.store(m, p, n, op.pattern());
            p += n;
        }
        return null;
    }

    @Override
    public Void msync(Msync op) {
        // xfs_io checks the range; FileSystem.msync() then syncs the whole file, as
        // fsync() would.
        MappedRange r = mappedRange(op.offset(), op.length(), true);
        if (r == null) {
            return null;
        }
        fs.msync(r.mapping(), op.sync());
        return null;
    }

    /** munmap_f(): unmaps the current mapping, then prints those left (maplist_f(); daxspec-probe marks private ones " P"). */
    @Override
    public Void munmap(Munmap op) {
        Mapping m = requireMapping();
        if (m == null) {
            return null;
        }
        fs.munmap(m);
        maptable.remove(current);
        if (maptable.isEmpty()) {
            current = -1;
        } else if (current == maptable.size()) {
            current--;
        }
        for (int i = 0; i < maptable.size(); i++) {
            Mapping left = maptable.get(i);
            boolean braces = i == current;
            stdio.out(String.format(
                    Locale.ROOT,
                    "%c%03d%c ADDR - ADDR %s %s (%d : %d)\n",
                    braces ? '[' : ' ',
                    i,
                    braces ? ']' : ' ',
                    left.protString(),
                    inv.path(),
                    left.offset(),
                    left.length()));
        }
        return null;
    }

    // ---------------------------------------------------------------- fiemap

    /**
     * fiemap_f() prints a table the shared filter turns into xfstests' _filter_fiemap
     * form (ranges in 512-byte units, adjacent extents of one kind coalesced, physical
     * addresses gone); the oracle prints that form directly. Without -v the table has no
     * flags, so unwritten extents show as data.
     */
    @Override
    public Void fiemap(Fiemap op) {
        fs.requireNoEofPrealloc(ip);
        List<FiemapExtent> extents = fs.fiemap(ip);
        FiemapTable table = new FiemapTable();
        long last = 0;
        for (FiemapExtent e : extents) {
            if (e.logical() > last) {
                table.add(last / 512, e.logical() / 512 - 1, "hole");
            }
            table.add(
                    e.logical() / 512,
                    (e.logical() + e.length()) / 512 - 1,
                    op.verbose() && e.unwritten() ? "unwritten" : "data");
            last = e.logical() + e.length();
        }
        if (!extents.isEmpty() && last < ip.size()) {
            table.add(last / 512, ip.size() / 512 - 1, "hole");
        }
        stdio.out(table.render());
        return null;
    }
}

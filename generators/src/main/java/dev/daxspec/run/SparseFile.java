package dev.daxspec.run;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a file holds data and where it has holes, and making holes: {@code lseek(2)} with {@code
 * SEEK_DATA} and {@code SEEK_HOLE}, and {@code fallocate(2)} with {@code FALLOC_FL_PUNCH_HOLE},
 * which Java's file API lacks, called through JNA. A VM's RAM file is such a file: on tmpfs, a page
 * the guest never stored to is a hole, and most of pmem is one ({@link CrashImage} copies only
 * the rest); a {@link Snapshot}'s restore empties the ordinary RAM by punching it. On a filesystem
 * without hole tracking the whole file is data, which is still right.
 * Stateless and thread-safe.
 */
final class SparseFile {

    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int FALLOC_FL_KEEP_SIZE = 0x01;
    private static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    private static final int ENXIO = 6;

    /** The C library's calls, as JNA binds them; a failed call throws with its errno. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int open(String path, int flags) throws LastErrorException;

        long lseek(int fd, long offset, int whence) throws LastErrorException;

        int fallocate(int fd, int mode, long offset, long length) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive) of a file. */
    record Range(long from, long to) {
        Range {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("not a range of a file: " + from + " to " + to);
            }
        }

        long length() {
            return to - from;
        }

        Range shift(long by) {
            return new Range(from + by, to + by);
        }
    }

    private SparseFile() {}

    /**
     * The C library, or an {@link IOException} where JNA cannot load it (it unpacks its native
     * stub into a temporary directory, which may not allow executables): a crash in place then
     * falls back to a reset, which needs no copy.
     */
    private static LibC libc() throws IOException {
        try {
            return LibC.INSTANCE;
        } catch (LinkageError e) {
            throw new IOException("JNA cannot call the C library here: " + e, e);
        }
    }

    /**
     * The ranges of {@code file} between {@code from} and {@code to} that hold data, in order,
     * without overlaps; what lies between them reads as zeros and takes no memory.
     */
    static List<Range> data(Path file, long from, long to) throws IOException {
        List<Range> out = new ArrayList<>();
        LibC libc = libc();
        int fd = open(file, O_RDONLY);
        try {
            long at = from;
            while (at < to) {
                long data;
                try {
                    data = libc.lseek(fd, at, SEEK_DATA);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == ENXIO) {
                        break; // no data from here to the end of the file
                    }
                    throw failed("lseek(SEEK_DATA)", file, e);
                }
                if (data >= to) {
                    break;
                }
                long hole = libc.lseek(fd, data, SEEK_HOLE);
                out.add(new Range(data, Math.min(hole, to)));
                at = hole;
            }
        } catch (LastErrorException e) {
            throw failed("lseek(SEEK_HOLE)", file, e);
        } finally {
            libc.close(fd);
        }
        return out;
    }

    /** Makes {@code range} of {@code file} a hole: it reads as zeros after, and the file keeps its size. */
    static void punch(Path file, Range range) throws IOException {
        if (range.length() == 0) {
            return;
        }
        LibC libc = libc();
        int fd = open(file, O_RDWR);
        try {
            libc.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, range.from(), range.length());
        } catch (LastErrorException e) {
            throw failed("fallocate(PUNCH_HOLE) of " + range.from() + "+" + range.length(), file, e);
        } finally {
            libc.close(fd);
        }
    }

    /** The parts of {@code ranges} that none of {@code less} covers; both in order, without overlaps. */
    static List<Range> minus(List<Range> ranges, List<Range> less) {
        List<Range> out = new ArrayList<>();
        int k = 0;
        for (Range r : ranges) {
            long at = r.from();
            while (k < less.size() && less.get(k).to() <= at) {
                k++;
            }
            for (int j = k; j < less.size() && less.get(j).from() < r.to(); j++) {
                Range l = less.get(j);
                if (l.from() > at) {
                    out.add(new Range(at, l.from()));
                }
                at = Math.max(at, l.to());
            }
            if (at < r.to()) {
                out.add(new Range(at, r.to()));
            }
        }
        return out;
    }

    private static int open(Path file, int flags) throws IOException {
        try {
            return libc().open(file.toString(), flags | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw failed("open", file, e);
        }
    }

    private static IOException failed(String call, Path file, LastErrorException e) {
        return new IOException(call + " of " + file + ": errno " + e.getErrorCode(), e);
    }
}

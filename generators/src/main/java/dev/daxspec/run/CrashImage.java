package dev.daxspec.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code /dev/pmem0} as a crash leaves it, kept on the host while the guest puts the crashed
 * mounts behind it ({@link VmOptions#crashesInPlace()}). pmem is the part of the VM's RAM file
 * past its ordinary RAM, which qemu maps shared: what the guest stores there is in the file the
 * moment it stores it (TCG has no CPU cache to lose). Saved while qemu is stopped, the copy holds
 * what a reset at that moment would have left; put back, with qemu stopped again, after the
 * guest unmounted (which wrote what the crash should have lost), it undoes every write since.
 *
 * <p>Only the filesystem's part of pmem is copied: from the start of the device to the end its
 * superblock declares ({@link #extent}), where an unmount's writes all land; a raw write past
 * that survives in the RAM file untouched. Where the device starts with neither an ext2/3/4 nor
 * an xfs superblock, the whole of pmem is copied. (A phase that grew a mounted filesystem could
 * leave a smaller size on pmem than the kernel holds; no job does.) Of that part, only the
 * pages that hold data are copied ({@link SparseFile}): the RAM file is on tmpfs, where a page
 * the guest never stored to is a hole, and a filesystem's blocks are mostly never written (a
 * 512 MiB filesystem held data in 70 to 76 MiB at a crash during {@code explore --against qemu}).
 * Put back, the saved holes are holes again, so pmem in the RAM file stays as small as the guest
 * made it. Both copies are the kernel's ({@code sendfile}, from {@link FileChannel#transferTo});
 * copying all of a 512 MiB filesystem took about 0.13 s each way here, and the restore this
 * replaces costs a new qemu and a guest whose translated code is all gone (0.6 s before the next
 * phase starts, and a slower phase). The copy is a file
 * beside the RAM file, named after it, so the pool's cleanup ({@link RunFiles}) removes it with
 * the RAM file. Not thread-safe.
 */
final class CrashImage {

    /** What a device's first 4 KiB tell of it. */
    private static final int HEAD = 4096;

    private static final int XFS_MAGIC = 0x58465342; // "XFSB"
    private static final int EXT_SUPERBLOCK = 1024;
    private static final int EXT_MAGIC = 0xEF53;
    private static final int EXT_FEATURE_INCOMPAT_64BIT = 0x80;

    private final Path ramFile;
    private final long offset;
    private final long length;
    private final Path copy;
    /** The bytes of pmem {@link #save} looked at, from its start. */
    private long saved;
    /** Where those held data when saved (the rest were holes), from pmem's start. */
    private List<SparseFile.Range> savedData = List.of();

    /**
     * @param ramFile the VM's RAM file
     * @param offset where pmem starts in it: the ordinary RAM's size
     * @param length pmem's size
     */
    CrashImage(Path ramFile, long offset, long length) {
        this.ramFile = ramFile;
        this.offset = offset;
        this.length = length;
        this.copy = ramFile.resolveSibling(ramFile.getFileName() + ".crash");
    }

    /** Copies pmem's filesystem part out of the RAM file. qemu must be stopped. */
    void save() throws IOException {
        try (FileChannel from = FileChannel.open(ramFile, StandardOpenOption.READ);
                FileChannel to = FileChannel.open(
                        copy,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(HEAD);
            while (head.hasRemaining() && from.read(head, offset + head.position()) > 0) {
                // the RAM file is longer than this
            }
            saved = Math.min(length, roundUp(extent(head.flip())));
            savedData = pmemData();
            for (SparseFile.Range r : savedData) {
                copy(from, offset + r.from(), r.length(), to.position(r.from()));
            }
        }
    }

    /**
     * Puts what {@link #save} copied back into the RAM file: its data where it had data, holes
     * where it had holes. qemu must be stopped, or gone.
     */
    void restore() throws IOException {
        for (SparseFile.Range r : SparseFile.minus(pmemData(), savedData)) {
            SparseFile.punch(ramFile, r.shift(offset));
        }
        try (FileChannel from = FileChannel.open(copy, StandardOpenOption.READ);
                FileChannel to = FileChannel.open(ramFile, StandardOpenOption.WRITE)) {
            for (SparseFile.Range r : savedData) {
                copy(from, r.from(), r.length(), to.position(offset + r.from()));
            }
        }
    }

    /** Where the saved part of pmem holds data in the RAM file now, from pmem's start. */
    private List<SparseFile.Range> pmemData() throws IOException {
        return SparseFile.data(ramFile, offset, offset + saved).stream()
                .map(r -> r.shift(-offset))
                .toList();
    }

    /**
     * Where the filesystem whose superblock starts {@code head} ends on its device, in bytes;
     * {@link Long#MAX_VALUE} when there is none. xfs: {@code sb_dblocks} times {@code
     * sb_blocksize} (big-endian, at 8 and 4; the internal log is inside). ext2/3/4 (little-endian,
     * the superblock at 1024): {@code s_blocks_count} times {@code 1024 << s_log_block_size}, with
     * {@code s_blocks_count_hi} where the 64bit feature is on; the journal is an inode inside.
     */
    static long extent(ByteBuffer head) {
        if (head.remaining() < HEAD) {
            return Long.MAX_VALUE;
        }
        ByteBuffer be = head.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (be.getInt(0) == XFS_MAGIC) {
            long blockSize = Integer.toUnsignedLong(be.getInt(4));
            long blocks = be.getLong(8);
            return blocks > 0 && blockSize > 0 && blocks <= Long.MAX_VALUE / blockSize
                    ? blocks * blockSize
                    : Long.MAX_VALUE;
        }
        ByteBuffer le = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (Short.toUnsignedInt(le.getShort(EXT_SUPERBLOCK + 0x38)) == EXT_MAGIC) {
            int log = le.getInt(EXT_SUPERBLOCK + 24);
            long blocks = Integer.toUnsignedLong(le.getInt(EXT_SUPERBLOCK + 4));
            if ((le.getInt(EXT_SUPERBLOCK + 0x60) & EXT_FEATURE_INCOMPAT_64BIT) != 0) {
                blocks |= Integer.toUnsignedLong(le.getInt(EXT_SUPERBLOCK + 0x150)) << 32;
            }
            return log >= 0 && log <= 6 ? blocks * (1024L << log) : Long.MAX_VALUE;
        }
        return Long.MAX_VALUE;
    }

    /** {@code bytes} up to a whole MiB (devices are whole MiB), or itself when there is none. */
    private static long roundUp(long bytes) {
        long mib = 1L << 20;
        return bytes > Long.MAX_VALUE - mib ? bytes : (bytes + mib - 1) / mib * mib;
    }

    /** Copies {@code bytes} of {@code from} at {@code position} to where {@code to} is. */
    private static void copy(FileChannel from, long position, long bytes, FileChannel to) throws IOException {
        long done = 0;
        while (done < bytes) {
            long n = from.transferTo(position + done, bytes - done, to);
            if (n <= 0) {
                throw new IOException("copying pmem for a crash: " + done + " of " + bytes + " bytes copied");
            }
            done += n;
        }
    }
}

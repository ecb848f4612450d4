package dev.daxspec.oracle.storage;

import java.util.Arrays;

/**
 * The bytes of a file's blocks, as runs of one repeated byte value (every writer in
 * xfs_io writes a repeated pattern byte, so this is exact and costs memory per write,
 * not per byte). Bytes never written, or zeroed, read as 0.
 *
 * <p>This holds what the storage holds, including bytes past i_size inside the EOF
 * block: the rules about whether those become visible live in the filesystem model.
 * Not thread-safe.
 */
public final class FileData {

    private final RangeMap<Byte> bytes = new RangeMap<>();

    /** Stores {@code len} copies of {@code value} at {@code pos}. */
    public void fill(long pos, long len, byte value) {
        if (value == 0) {
            bytes.remove(pos, pos + len);
        } else {
            bytes.put(pos, pos + len, value);
        }
    }

    /** Zeroes {@code [pos, pos + len)}. */
    public void zero(long pos, long len) {
        bytes.remove(pos, pos + len);
    }

    /** Makes {@code [pos, pos + len)} hold what {@code other} holds there. */
    public void copyFrom(FileData other, long pos, long len) {
        bytes.remove(pos, pos + len);
        for (RangeMap.Run<Byte> r : other.bytes.runs(pos, pos + len)) {
            bytes.put(r.start(), r.end(), r.value());
        }
    }

    /** Materialises {@code [pos, pos + len)}; callers keep {@code len} to what they print. */
    public byte[] read(long pos, int len) {
        byte[] out = new byte[len];
        for (RangeMap.Run<Byte> r : bytes.runs(pos, pos + len)) {
            Arrays.fill(out, (int) (r.start() - pos), (int) (r.end() - pos), r.value());
        }
        return out;
    }
}

package dev.daxspec.oracle.geometry;

/**
 * The sizes every rule in the oracle is written against: the CPU page size, the
 * filesystem block size, and the PMD size that follows from the page size.
 *
 * <p>Immutable and thread-safe. Build with {@link #of(int, int)}; the checks name the
 * bad value.
 *
 * @param pageSize PAGE_SIZE: 4096 on x86-64, 16384 or 65536 on arm64 and ppc64
 * @param blockSize the filesystem block size chosen at mkfs time
 */
public record Geometry(int pageSize, int blockSize) {

    /** x86-64: 4 KiB pages and 4 KiB blocks, the only geometry on which DAX runs there. */
    public static final Geometry X86_64 = new Geometry(4096, 4096);

    public Geometry {
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new IllegalArgumentException(
                    "page size " + pageSize + " is not one Linux uses (4096, 16384 or 65536)");
        }
        if (blockSize < 512 || blockSize > 65536 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize + " is not a power of two from 512 to 65536");
        }
    }

    public static Geometry of(int pageSize, int blockSize) {
        return new Geometry(pageSize, blockSize);
    }

    /**
     * PMD_SIZE: one page-table page of 8-byte entries maps {@code pageSize / 8} pages,
     * so 2 MiB with 4 KiB pages, 32 MiB with 16 KiB pages and 512 MiB with 64 KiB pages
     * (x86-64 and arm64 4-level tables; ppc64 hash MMU differs and is not modelled).
     */
    public long pmdSize() {
        return (long) pageSize * (pageSize / 8);
    }

    public int pageShift() {
        return Integer.numberOfTrailingZeros(pageSize);
    }

    public int blockShift() {
        return Integer.numberOfTrailingZeros(blockSize);
    }

    /** The index of the page holding byte {@code pos}. */
    public long pageIndex(long pos) {
        return pos >> pageShift();
    }

    /** The index of the filesystem block holding byte {@code pos}. */
    public long blockIndex(long pos) {
        return pos >> blockShift();
    }

    /** Number of pages needed to hold {@code bytes}: DIV_ROUND_UP(bytes, PAGE_SIZE). */
    public long pagesFor(long bytes) {
        return (bytes + pageSize - 1) >> pageShift();
    }

    /** Number of blocks needed to hold {@code bytes}. */
    public long blocksFor(long bytes) {
        return (bytes + blockSize - 1) >> blockShift();
    }

    public long roundDownToBlock(long pos) {
        return pos & -(long) blockSize;
    }

    public long roundUpToBlock(long pos) {
        return (pos + blockSize - 1) & -(long) blockSize;
    }

    public long roundDownToPage(long pos) {
        return pos & -(long) pageSize;
    }

    public long roundUpToPage(long pos) {
        return (pos + pageSize - 1) & -(long) pageSize;
    }

    @Override
    public String toString() {
        return "page " + pageSize + ", block " + blockSize;
    }
}

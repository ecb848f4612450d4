package dev.daxspec.oracle.kernel;

import java.util.Arrays;

/**
 * Historical kernel bugs in the code paths the seeds debate. Each has one switch point
 * in the oracle (search for its constant), a comment there naming the thread or commit,
 * and scenarios in {@code features/} that kill it.
 */
public enum Bug {
    XIP_WRITE_IGNORES_PAGE_OFFSET(
            "xip-write-ignores-page-offset",
            "004",
            "B1",
            "4a9e5ef1f4f15205e477817a5cefc34bd3f65f55",
            "2.6.24-rc __xip_file_write() copied each page's part of a write to the start of the page"),
    XIP_BLOCKSIZE_CHECK_MISSING(
            "xip-blocksize-check-missing",
            "004",
            "B3",
            "",
            "DAX is allowed with a filesystem block size other than PAGE_SIZE"),
    XIP_BLOCKSIZE_CHECK_HARDSECT(
            "xip-blocksize-check-hardsect",
            "004",
            "B3",
            "",
            "the pre-2008 ext2 XIP check also refused devices whose sector is smaller than a page"),
    SHORT_WRITE_EXTENDS_SIZE(
            "short-write-extends-size",
            "003",
            "B9",
            "",
            "a write cut short by ENOSPC still sets i_size to the full length asked for"),
    DAX_FAULT_EOF_ROUNDING(
            "dax-fault-eof-rounding",
            "002",
            "B2",
            "",
            "the iomap-DAX draft's fault EOF check, pos >= i_size + PAGE_SIZE - 1, lets a fault past EOF through"),
    PMD_HOLE_SIZE_UNKNOWN(
            "pmd-hole-size-unknown",
            "002",
            "B4",
            "",
            "holes are mapped with 4 KiB zero pages because the hole's size is not known, so the range never"
                    + " gets PMDs"),
    FAULT_LEAVES_UNWRITTEN(
            "fault-leaves-unwritten",
            "000",
            "B5",
            "",
            "a write fault allocates without unwritten extent conversion, so data written through the mapping"
                    + " reads back as zeros"),
    READ_FAULT_ALLOCATES(
            "read-fault-allocates",
            "000",
            "B5",
            "",
            "a read fault on a writable mapping allocates blocks, as xip_file_fault() did"),
    EOF_BLOCK_NOT_ZEROED(
            "eof-block-not-zeroed",
            "000",
            "B6",
            "",
            "bytes a mapping wrote past EOF in the last page become file data when the file is extended"),
    MAP_SYNC_NOT_DURABLE(
            "map-sync-not-durable",
            "001",
            "B7",
            "",
            "a MAP_SYNC write fault makes the PTE writable before the block's metadata is durable"),
    PUNCH_KEEPS_STALE_MAPPING(
            "punch-keeps-stale-mapping",
            "001",
            "B10",
            "",
            "punching a hole leaves the old block mapped, so the mapping still reads and writes it"),
    EXT4_MAXBYTES_ONE_BLOCK_TOO_BIG(
            "ext4-maxbytes-one-block-too-big",
            "003",
            "B9",
            "f17722f917b2f21497deb6edc62fb1683daa08e6",
            "ext4's s_maxbytes let an extent-mapped file reach logical block 2^32-1, whose extent length"
                    + " does not fit in ee_len");

    private final String id;
    private final String seed;
    private final String rule;
    private final String commit;
    private final String summary;

    Bug(String id, String seed, String rule, String commit, String summary) {
        this.id = id;
        this.seed = seed;
        this.rule = rule;
        this.commit = commit;
        this.summary = summary;
    }

    /** The variant's name, e.g. {@code xip-write-ignores-page-offset}. */
    public String id() {
        return id;
    }

    /** The seed thread it comes from, e.g. {@code 004}. */
    public String seed() {
        return seed;
    }

    /**
     * The rule it breaks, as the features tag it ({@code B1} .. {@code B11}, tag
     * {@code @B1}): a check of some of the features judges the variants of their rules.
     */
    public String rule() {
        return rule;
    }

    /** The commit that introduced or fixed it, when known; empty otherwise. */
    public String commit() {
        return commit;
    }

    public String summary() {
        return summary;
    }

    public static Bug parse(String id) {
        for (Bug b : values()) {
            if (b.id.equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown kernel variant '" + id + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(Bug::id).toList()) + ")");
    }
}

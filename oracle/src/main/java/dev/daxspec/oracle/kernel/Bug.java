package dev.daxspec.oracle.kernel;

import java.util.Arrays;

/**
 * Historical kernel bugs in the code paths the seeds debate. Each has one switch point
 * in the oracle (search for its constant), a comment there naming the thread or commit,
 * and scenarios in {@code features/} that kill it.
 */
public enum Bug {
    XIP_WRITE_IGNORES_PAGE_OFFSET("xip-write-ignores-page-offset", "004",
            "4a9e5ef1f4f15205e477817a5cefc34bd3f65f55",
            "2.6.24-rc __xip_file_write() copied each page's part of a write to the start of the page"),
    XIP_BLOCKSIZE_CHECK_MISSING("xip-blocksize-check-missing", "004", "",
            "DAX is allowed with a filesystem block size other than PAGE_SIZE"),
    XIP_BLOCKSIZE_CHECK_HARDSECT("xip-blocksize-check-hardsect", "004", "",
            "the pre-2008 ext2 XIP check also refused devices whose sector is smaller than a page"),
    SHORT_WRITE_EXTENDS_SIZE("short-write-extends-size", "003", "",
            "a write cut short by ENOSPC still sets i_size to the full length asked for");

    private final String id;
    private final String seed;
    private final String commit;
    private final String summary;

    Bug(String id, String seed, String commit, String summary) {
        this.id = id;
        this.seed = seed;
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

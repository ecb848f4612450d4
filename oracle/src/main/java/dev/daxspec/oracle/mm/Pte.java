package dev.daxspec.oracle.mm;

import dev.daxspec.oracle.storage.FileData;

/**
 * A page table entry of one mapping, for one page.
 *
 * @param kind what the page maps
 * @param writable whether a store goes through without a fault
 * @param copy the page's own bytes for {@link Kind#PRIVATE} pages (a copy-on-write page, or
 *     the stale block a mapping kept when a bug left it mapped); null otherwise
 */
public record Pte(Kind kind, boolean writable, FileData copy) {

    /** What a page table entry maps. */
    public enum Kind {
        /** The file's page: its DAX block, or its page-cache page. */
        FILE,
        /** The shared zero page, read-only: a read fault over a hole or unwritten block (dax_load_hole()). */
        ZERO,
        /** A page of its own: an anonymous copy-on-write page, or a stale block. */
        PRIVATE
    }

    public static final Pte FILE_READ = new Pte(Kind.FILE, false, null);
    public static final Pte FILE_WRITE = new Pte(Kind.FILE, true, null);
    public static final Pte ZERO = new Pte(Kind.ZERO, false, null);
}

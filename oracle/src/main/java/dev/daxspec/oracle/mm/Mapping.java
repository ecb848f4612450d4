package dev.daxspec.oracle.mm;

import dev.daxspec.oracle.storage.RangeMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mmap() of a file: a VMA and its page tables, indexed by file page (pgoff) since a
 * file mapping maps the file linearly. The virtual address is not modelled: a mapping
 * whose file range holds a whole PMD-aligned 2 MiB gets an address with the same PMD
 * colour (thp_get_unmapped_area(), which ext4 and xfs use for DAX files), so PMD ranges
 * of the file and of the page tables line up; in smaller mappings PMDs never fit.
 *
 * <p>The filesystem's fault handler changes the page tables; the mapping only holds them.
 * Not thread-safe.
 */
public final class Mapping {

    private final Object file;
    private final long offset;
    private final long length;
    private final boolean readable;
    private final boolean writable;
    private final boolean executable;
    private final boolean sync;
    private final boolean shared;
    private final boolean ownPageTables;
    private final int pageSize;
    private final long pagesPerPmd;
    private final RangeMap<Pte> ptes = new RangeMap<>();
    private final Set<Long> tables = new HashSet<>();
    private final Map<Long, HugePmd> huge = new HashMap<>();

    /**
     * @param file the inode mapped (an identity, for the owner's bookkeeping)
     * @param offset file offset of the first byte, page aligned
     * @param sync MAP_SHARED_VALIDATE | MAP_SYNC
     * @param shared MAP_SHARED (false: MAP_PRIVATE)
     * @param ownPageTables no other VMA shares its page tables ({@link #ownPageTables()})
     */
    public Mapping(
            Object file,
            long offset,
            long length,
            boolean readable,
            boolean writable,
            boolean executable,
            boolean sync,
            boolean shared,
            boolean ownPageTables,
            int pageSize,
            long pmdSize) {
        this.file = file;
        this.offset = offset;
        this.length = length;
        this.readable = readable;
        this.writable = writable;
        this.executable = executable;
        this.sync = sync;
        this.shared = shared;
        this.ownPageTables = ownPageTables;
        this.pageSize = pageSize;
        this.pagesPerPmd = pmdSize / pageSize;
    }

    public Object file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    public long length() {
        return length;
    }

    public boolean writable() {
        return writable;
    }

    public boolean sync() {
        return sync;
    }

    public boolean shared() {
        return shared;
    }

    /**
     * Whether no other VMA shares the page tables around the mapping, so that a PMD range
     * it does not cover is pmd_none() until it faults there itself. True in daxspec-probe,
     * a static binary with nothing else mapped near its mappings; false in xfs_io, whose
     * mappings smaller than 2 MiB land beside its shared libraries' and share their page
     * table (measured on 6.1: a fault past EOF in a one-page mapping fires
     * dax_pmd_fault_done SIGBUS in daxspec-probe, dax_pte_fault_done SIGBUS in xfs_io).
     */
    public boolean ownPageTables() {
        return ownPageTables;
    }

    public long pagesPerPmd() {
        return pagesPerPmd;
    }

    /** Whether the whole PMD range {@code pmd} (by file PMD index) lies inside the mapping. */
    public boolean holdsPmd(long pmd) {
        long start = pmd * pagesPerPmd * pageSize;
        return start >= offset && start + pagesPerPmd * pageSize <= offset + length;
    }

    public Pte pte(long page) {
        return ptes.get(page);
    }

    public void setPte(long page, Pte pte) {
        ptes.put(page, page + 1, pte);
    }

    /** Removes the PTEs of pages {@code [first, end)}; the page tables themselves stay. */
    public void zapPtes(long first, long end) {
        ptes.remove(first, end);
    }

    /**
     * Removes the PTEs of pages {@code [first, end)} that map the file, keeping private
     * copy-on-write pages: unmap_mapping_range() with even_cows false.
     */
    public void zapFilePtes(long first, long end) {
        for (RangeMap.Run<Pte> r : ptes.runs(first, end)) {
            if (r.value().kind() != Pte.Kind.PRIVATE) {
                ptes.remove(r.start(), r.end());
            }
        }
    }

    /**
     * Write-protects the file's writable PTEs of pages {@code [first, end)}, keeping private
     * copies: what page_mkclean() does to a shared page that writeback cleans, so that the
     * next store faults and dirties it again (->page_mkwrite()).
     */
    public void writeProtectFilePtes(long first, long end) {
        for (RangeMap.Run<Pte> r : ptes.runs(first, end)) {
            if (r.value().kind() == Pte.Kind.FILE && r.value().writable()) {
                ptes.put(r.start(), r.end(), Pte.FILE_READ);
            }
        }
    }

    /** The PTEs of pages {@code [first, end)}. */
    public List<RangeMap.Run<Pte>> ptes(long first, long end) {
        return ptes.runs(first, end);
    }

    /** Whether the PMD {@code pmd} points at a page table (it is not pmd_none and not huge). */
    public boolean hasTable(long pmd) {
        return tables.contains(pmd);
    }

    public void addTable(long pmd) {
        tables.add(pmd);
    }

    public HugePmd huge(long pmd) {
        return huge.get(pmd);
    }

    public void setHuge(long pmd, HugePmd h) {
        huge.put(pmd, h);
    }

    public void zapHuge(long pmd) {
        huge.remove(pmd);
    }

    /** Clears every huge PMD that maps any of pages {@code [first, end)}. */
    public void zapHuge(long first, long end) {
        huge.keySet().removeIf(pmd -> pmd * pagesPerPmd < end && (pmd + 1) * pagesPerPmd > first);
    }

    /**
     * The prot string xfs_io's mapping list prints: {@code rwx}, {@code r--}, {@code " S"}
     * for MAP_SYNC, and daxspec-probe's {@code " P"} for a private mapping.
     */
    public String protString() {
        return (readable ? "r" : "-")
                + (writable ? "w" : "-")
                + (executable ? "x" : "-")
                + (sync ? " S" : shared ? "" : " P");
    }
}

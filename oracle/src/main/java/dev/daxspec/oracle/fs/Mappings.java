package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.mm.DaxEntry;
import dev.daxspec.oracle.mm.Mapping;
import dev.daxspec.oracle.mm.Pte;
import dev.daxspec.oracle.storage.FileData;
import dev.daxspec.oracle.storage.RangeMap;
import dev.daxspec.oracle.target.Target;

/**
 * The mmap side of files: mmap(2) and munmap(2), loads and stores through a mapping once
 * {@link FaultHandler} has mapped the page, and what the filesystem takes away from the
 * mappings when blocks change under them (unmap_mapping_range(), the layout breaks of
 * truncate, punch and zero range). Not thread-safe.
 */
final class Mappings {

    private final Target target;
    private final Geometry g;
    private final Kernel kernel;

    Mappings(Target target, Kernel kernel) {
        this.target = target;
        this.g = target.geometry();
        this.kernel = kernel;
    }

    /**
     * mmap(2) of {@code length} bytes at {@code offset} of the file, shared unless
     * {@code priv}. The offset must be page aligned (EINVAL); a writable shared mapping
     * needs a descriptor open for writing (EACCES); MAP_SYNC needs a DAX file (EOPNOTSUPP,
     * daxdev_mapping_supported(), B7). Mapping past EOF is allowed: it is the access that
     * fails.
     */
    MmapResult mmap(
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
        if (offset < 0 || length <= 0 || offset % g.pageSize() != 0) {
            return MmapResult.error(Errno.EINVAL);
        }
        // do_mmap(): only a shared writable mapping needs a descriptor open for writing.
        if (write && !priv && readOnlyFd) {
            return MmapResult.error(Errno.EACCES);
        }
        if (sync && !ip.dax()) {
            return MmapResult.error(Errno.EOPNOTSUPP);
        }
        Mapping m = new Mapping(
                ip, offset, length, read, write, exec, sync, !priv, ownPageTables, g.pageSize(), g.pmdSize());
        ip.mappings.add(m);
        return MmapResult.of(m);
    }

    /** munmap(2). The DAX entries the mapping made stay in the file's mapping. */
    void munmap(Mapping m) {
        inodeOf(m).mappings.remove(m);
    }

    /** The bytes a load of {@code [pos, pos + len)} through {@code m} sees, once the page is mapped. */
    byte[] load(Mapping m, long pos, int len) {
        Inode ip = inodeOf(m);
        Pte pte = m.pte(g.pageIndex(pos));
        if (pte != null && pte.kind() == Pte.Kind.PRIVATE) {
            return pte.copy().read(pos, len);
        }
        if (pte != null && pte.kind() == Pte.Kind.ZERO) {
            return new byte[len];
        }
        // The block itself, or the page-cache page: bytes past EOF in the last page too.
        return ip.data.read(pos, len);
    }

    /** A store of {@code len} copies of {@code value} at {@code pos} through {@code m}, once the page is mapped. */
    void store(Mapping m, long pos, long len, byte value) {
        Inode ip = inodeOf(m);
        Pte pte = m.pte(g.pageIndex(pos));
        if (pte != null && pte.kind() == Pte.Kind.PRIVATE) {
            pte.copy().fill(pos, len, value);
            return;
        }
        ip.fill(pos, len, value);
    }

    /** The file {@code m} maps. */
    static Inode inodeOf(Mapping m) {
        return (Inode) m.file();
    }

    /**
     * unmap_mapping_range() and the removal of DAX entries for pages {@code [first, end)}:
     * their PTEs go from every mapping, and so does any huge PMD or PMD entry that
     * overlaps them; private copy-on-write pages too when {@code evenCows}. {@code end} is
     * at most {@code Long.MAX_VALUE / PAGE_SIZE}, a truncate's "to the end of the file".
     */
    void unmap(Inode ip, long first, long end, boolean evenCows) {
        if (end <= first) {
            return;
        }
        for (Mapping m : ip.mappings) {
            if (evenCows) {
                m.zapPtes(first, end);
            } else {
                m.zapFilePtes(first, end);
            }
            m.zapHuge(first, end);
        }
        long ppp = g.pmdSize() / g.pageSize();
        long from = first / ppp * ppp;
        long to = (end + ppp - 1) / ppp * ppp;
        for (RangeMap.Run<DaxEntry> e : ip.daxEntries.runs(from, to)) {
            if (e.value().pmd()) {
                ip.daxEntries.remove(e.start(), e.end());
            }
        }
        ip.daxEntries.remove(first, end);
    }

    /**
     * Before a punch or zero range changes the blocks of {@code [off, end)} under mappings
     * (its whole blocks {@code [firstFull, endFull)}), their pages are unmapped (B10): ext4
     * unmaps the whole blocks of the range (truncate_pagecache_range() in ext4_punch_hole()
     * and ext4_zero_range()), xfs the range rounded out to pages (xfs_flush_unmap_range()).
     * With the punch-keeps-stale-mapping bug the punched pages stay mapped to their old
     * blocks.
     */
    void unmapForHoleChange(Inode ip, long off, long end, long firstFull, long endFull, boolean punch) {
        long first;
        long last;
        if (target.fs().isExt4Driver()) {
            first = g.pageIndex(firstFull * g.blockSize() + g.pageSize() - 1);
            last = g.pageIndex(endFull * g.blockSize());
        } else {
            first = g.pageIndex(off);
            last = g.pagesFor(end);
        }
        if (punch && kernel.has(Bug.PUNCH_KEEPS_STALE_MAPPING)) {
            // The bug (Jan Kara, "[RFC PATCH 0/7] dax, ext4: Synchronous page faults", 2017:
            // "Basically we do the same on events like punch hole"):
            // the mappings keep the punched blocks, now free, with what they held.
            for (Mapping m : ip.mappings) {
                for (RangeMap.Run<Pte> r : m.ptes(first, last)) {
                    for (long p = r.start(); p < r.end(); p++) {
                        FileData stale = new FileData();
                        long pos = p * g.pageSize();
                        byte[] old = ip.data.read(pos, g.pageSize());
                        for (int i = 0; i < old.length; i++) {
                            stale.fill(pos + i, 1, old[i]);
                        }
                        m.setPte(p, new Pte(Pte.Kind.PRIVATE, r.value().writable(), stale));
                    }
                }
            }
            return;
        }
        // truncate_pagecache_range() leaves private copy-on-write pages alone.
        unmap(ip, first, last, false);
        breakLayouts(ip);
    }

    /**
     * ext4_break_layouts() and xfs_break_layouts(BREAK_UNMAP): for a DAX file,
     * dax_layout_busy_page() unmaps every page of the file from every mapping (the page
     * tables, the DAX entries and private copies stay), so the next access of any page
     * faults again.
     * Truncate, punch and zero range do it on both filesystems, and every fallocate on xfs.
     */
    void breakLayouts(Inode ip) {
        if (!ip.dax()) {
            return;
        }
        for (Mapping m : ip.mappings) {
            m.zapFilePtes(0, Long.MAX_VALUE);
            m.zapHuge(0, Long.MAX_VALUE);
        }
    }
}

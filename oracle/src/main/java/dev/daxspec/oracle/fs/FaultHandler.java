package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.mm.DaxEntry;
import dev.daxspec.oracle.mm.FaultTrace;
import dev.daxspec.oracle.mm.HugePmd;
import dev.daxspec.oracle.mm.Mapping;
import dev.daxspec.oracle.mm.Pte;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.storage.FileData;
import dev.daxspec.oracle.storage.RangeMap;
import java.util.List;

/**
 * Page faults on mapped files: mm/memory.c's __handle_mm_fault() choosing PMD or PTE
 * faults, and the filesystem's fault path behind it. For DAX files that is fs/dax.c,
 * dax_iomap_pmd_fault() and dax_iomap_pte_fault() with ext4's or xfs's iomap ops; for
 * page-cache files filemap_fault() and ->page_mkwrite(). The rules, from the seeds:
 * SIGBUS exactly when the page index is at or past DIV_ROUND_UP(i_size, PAGE_SIZE) (B2);
 * read faults never allocate (B5); write faults allocate, zero new blocks and convert
 * unwritten extents (B5, B8); PMD faults over 2 MiB holes map the huge zero page, and
 * a 4 KiB entry in the range keeps it on 4 KiB faults (B4).
 *
 * <p>Only works on the state of one {@link FileSystem}; not thread-safe.
 */
final class FaultHandler {

    private final SuperBlock sb;
    private final Geometry g;
    private final PageCache pageCache;

    FaultHandler(SuperBlock sb, PageCache pageCache) {
        this.sb = sb;
        this.g = sb.g();
        this.pageCache = pageCache;
    }

    /** A load ({@code write} false) or store at file offset {@code pos} through {@code m}. */
    Access access(Inode ip, Mapping m, long pos, boolean write, FaultTrace trace) {
        if (write && !m.writable()) {
            return Access.SIGSEGV;
        }
        long page = g.pageIndex(pos);
        if (!ip.dax()) {
            return pageCacheFault(ip, m, page, write);
        }
        long pmd = page / m.pagesPerPmd();
        HugePmd huge = m.huge(pmd);
        if (huge != null) {
            if (!write || huge == HugePmd.BLOCK_WRITE) {
                return Access.OK;
            }
            // wp_huge_pmd(): a write to a read-only huge mapping asks for a PMD fault first.
            VmFault r = pmdFault(ip, m, pmd, true, trace);
            if (r == VmFault.SIGBUS) {
                return Access.SIGBUS;
            }
            if (r != VmFault.FALLBACK) {
                return Access.OK;
            }
            // __split_huge_pmd() on a file mapping just clears the PMD; PTE faults follow.
            m.zapHuge(pmd);
        } else if (!m.hasTable(pmd) && (m.holdsPmd(pmd) || m.ownPageTables())) {
            // __handle_mm_fault(): on pmd_none() hugepage_vma_check() passes every DAX VMA
            // in a page fault ("if (vma_is_dax(vma)) return in_pf;"), whatever its size,
            // sharing or access, so create_huge_pmd() calls ->huge_fault(PE_SIZE_PMD) first.
            // Past a small mapping the PMD is pmd_none() only if no other VMA shares its
            // page table (Mapping.ownPageTables()).
            VmFault r = m.holdsPmd(pmd) ? pmdFault(ip, m, pmd, write, trace) : pmdFaultOutsideVma(ip, m, pmd, trace);
            if (r == VmFault.SIGBUS) {
                return Access.SIGBUS;
            }
            if (r != VmFault.FALLBACK) {
                return Access.OK;
            }
        }
        return pteFault(ip, m, page, write, trace);
    }

    // ---------------------------------------------------------------- PMD faults

    /**
     * dax_iomap_pmd_fault(): its result, counted in {@code trace}. PMD ranges
     * that do not lie inside the mapping never get here (their fallback is not counted,
     * see {@link FaultTrace}).
     */
    private VmFault pmdFault(Inode ip, Mapping m, long pmd, boolean write, FaultTrace trace) {
        long ppp = m.pagesPerPmd();
        long first = pmd * ppp;
        long maxPage = g.pagesFor(ip.size);
        VmFault r = pmdResult(ip, m, pmd, first, ppp, maxPage, write, trace);
        trace.event("dax_pmd_fault_done", r.toString());
        return r;
    }

    /**
     * dax_iomap_pmd_fault() for a PMD range the VMA does not cover: "if (xas.xa_index >=
     * max_pgoff)" returns VM_FAULT_SIGBUS before dax_fault_check_fallback() sees that "the
     * PMD would extend outside the VMA"; that fallback is not counted (see {@link FaultTrace}).
     */
    private VmFault pmdFaultOutsideVma(Inode ip, Mapping m, long pmd, FaultTrace trace) {
        if (pmd * m.pagesPerPmd() >= g.pagesFor(ip.size)) {
            trace.event("dax_pmd_fault_done", VmFault.SIGBUS.toString());
            return VmFault.SIGBUS;
        }
        return VmFault.FALLBACK;
    }

    private VmFault pmdResult(
            Inode ip, Mapping m, long pmd, long first, long ppp, long maxPage, boolean write, FaultTrace trace) {
        // "if (xas.xa_index >= max_pgoff)": SIGBUS before dax_fault_check_fallback().
        if (first >= maxPage) {
            return VmFault.SIGBUS;
        }
        // dax_fault_check_fallback(): copy-on-write, or a PMD reaching past EOF.
        if (write && !m.shared()) {
            return VmFault.FALLBACK;
        }
        if (first + ppp - 1 >= maxPage) {
            return VmFault.FALLBACK;
        }
        // grab_mapping_entry(PMD_ORDER) falls back when a 4 KiB entry is in the range (B4).
        for (RangeMap.Run<DaxEntry> e : ip.daxEntries.runs(first, first + ppp)) {
            if (!e.value().pmd()) {
                return VmFault.FALLBACK;
            }
        }
        long bfirst = first * (g.pageSize() / g.blockSize());
        long bend = (first + ppp) * (g.pageSize() / g.blockSize());
        List<RangeMap.Run<BlockState>> runs = ip.extents.runs(bfirst, bend);
        boolean allHole = runs.isEmpty();
        boolean oneRun =
                runs.size() == 1 && runs.get(0).start() == bfirst && runs.get(0).end() == bend;
        BlockState state = oneRun ? runs.get(0).value() : null;
        if (!write) {
            if (allHole || state == BlockState.UNWRITTEN) {
                if (allHole && sb.kernel().has(Bug.PMD_HOLE_SIZE_UNKNOWN)) {
                    // The bug: get_block could not say how big the hole is, so only a 4 KiB
                    // zero page can go in, and the range keeps 4 KiB entries (Ross Zwisler on
                    // Christoph Hellwig's iomap DAX draft, linux-ext4, Aug 2016).
                    return VmFault.FALLBACK;
                }
                // dax_pmd_load_hole(): the iomap covers the whole 2 MiB as one hole or one
                // unwritten extent, so the huge zero page maps it.
                ip.daxEntries.put(first, first + ppp, DaxEntry.PMD_ZERO);
                m.setHuge(pmd, HugePmd.ZERO);
                trace.event("dax_pmd_load_hole", "");
                return VmFault.NOPAGE;
            }
            if (state == BlockState.WRITTEN && alignedOnDevice(ip, pmd)) {
                ip.daxEntries.put(first, first + ppp, DaxEntry.PMD_BLOCK);
                m.setHuge(pmd, HugePmd.BLOCK_READ);
                return VmFault.NOPAGE;
            }
            // Mixed states: the first iomap is shorter than PMD_SIZE.
            return VmFault.FALLBACK;
        }
        if (!allHole && !oneRun) {
            throw new Unpredictable("a PMD write fault over a 2 MiB range that is partly allocated: what the"
                    + " filesystem allocates before it falls back is not modelled");
        }
        if (allHole) {
            if (!sb.alloc().fits(bend - bfirst)) {
                // The allocation fails; dax_iomap_pmd_fault() falls back to PTE faults.
                return VmFault.FALLBACK;
            }
            ip.extents.set(bfirst, bend, writeFaultState());
            ip.zero(bfirst * g.blockSize(), (bend - bfirst) * g.blockSize());
            ip.metadataDirty = true;
            sb.alloc().recharge(ip);
            sb.journal().note();
            if (sb.profile().pmdAllocationsAligned()) {
                ip.pmdAligned.add(pmd);
            }
        } else if (state == BlockState.UNWRITTEN) {
            // A zero range keeps an aligned range's blocks where they are (ext4_zero_range()
            // converts them to unwritten in place, EXT4_GET_BLOCKS_CONVERT_UNWRITTEN).
            if (sb.profile().pmdAllocationsAligned() && !ip.pmdAligned.contains(pmd)) {
                throw new Unpredictable("a PMD write fault over a preallocated 2 MiB extent on ext4: whether"
                        + " fallocate placed it 2 MiB aligned on the device is not modelled");
            }
            ip.extents.set(bfirst, bend, writeFaultState());
            ip.metadataDirty = true;
        }
        if (!alignedOnDevice(ip, pmd)) {
            // dax_iomap_direct_access() refuses a pfn that is not 2 MiB aligned.
            return VmFault.FALLBACK;
        }
        ip.daxEntries.put(first, first + ppp, DaxEntry.PMD_BLOCK);
        VmFault result = VmFault.NOPAGE;
        if (m.sync() && ip.metadataDirty) {
            sb.journal().syncFault();
            trace.event("dax_insert_pfn_mkwrite", VmFault.NOPAGE.toString());
            result = VmFault.NEEDDSYNC;
        }
        m.setHuge(pmd, HugePmd.BLOCK_WRITE);
        return result;
    }

    /**
     * Whether the blocks of a written 2 MiB range sit 2 MiB aligned on the device, as a
     * PMD mapping needs (dax_iomap_pmd_fault() falls back when the iomap is shorter than
     * PMD_SIZE or dax_iomap_direct_access() finds the pfn not 2 MiB aligned). Known on ext4
     * for ranges a PMD write fault allocated or one preallocation window filled, until a
     * punch or truncate frees any of their blocks ({@link Inode#pmdAligned}; after a
     * remount too: the blocks stay where they were, {@link Image}); xfs has no alignment
     * policy without an extent size hint, so its blocks never are (measured).
     */
    private boolean alignedOnDevice(Inode ip, long pmd) {
        if (ip.pmdAligned.contains(pmd)) {
            return true;
        }
        if (!sb.profile().pmdAllocationsAligned()) {
            return false;
        }
        throw new Unpredictable("a PMD fault over 2 MiB of ext4 blocks not allocated whole by a PMD fault or"
                + " from one 2 MiB preallocation window: whether they are 2 MiB aligned on the device is not"
                + " modelled");
    }

    // ---------------------------------------------------------------- PTE faults

    /** dax_iomap_pte_fault(), and ->pfn_mkwrite for a store to a read-only PTE. */
    private Access pteFault(Inode ip, Mapping m, long page, boolean write, FaultTrace trace) {
        Pte pte = m.pte(page);
        if (pte != null && (!write || pte.writable())) {
            return Access.OK;
        }
        if (write && !m.shared() && pte != null) {
            // do_wp_page() on a private mapping copies the page (wp_page_copy()); the
            // filesystem is not asked, so no fs_dax event fires.
            m.setPte(page, privateCopy(ip, pte, page));
            return Access.OK;
        }
        long pos = page * g.pageSize();
        boolean pastEof;
        if (sb.kernel().has(Bug.DAX_FAULT_EOF_ROUNDING)) {
            // The iomap-DAX draft (Ross Zwisler's reply to it, linux-ext4, Aug 2016):
            // "if (pos >= i_size_read(inode) + PAGE_SIZE - 1)".
            pastEof = pos >= ip.size + g.pageSize() - 1;
        } else {
            // "if (iter.pos >= i_size_read(iter.inode)) return VM_FAULT_SIGBUS" (B2).
            pastEof = pos >= ip.size;
        }
        if (pastEof) {
            trace.event("dax_pte_fault_done", VmFault.SIGBUS.toString());
            return Access.SIGBUS;
        }
        long pmd = page / m.pagesPerPmd();
        DaxEntry entry = ip.daxEntries.get(page);
        if (entry == DaxEntry.PMD_ZERO) {
            // grab_mapping_entry(): a huge zero page entry is downgraded for a 4 KiB fault.
            long first = pmd * m.pagesPerPmd();
            ip.daxEntries.remove(first, first + m.pagesPerPmd());
            for (Mapping other : ip.mappings) {
                if (other.huge(pmd) == HugePmd.ZERO) {
                    other.zapHuge(pmd);
                }
            }
        }
        long block = g.blockIndex(pos);
        BlockState s = ip.extents.state(block);
        if (!write) {
            boolean hole = s == null || s == BlockState.UNWRITTEN;
            if (hole && sb.kernel().has(Bug.READ_FAULT_ALLOCATES) && s == null && m.writable()) {
                // The bug: xip_file_fault() asked the filesystem to allocate blocks for
                // writable mappings even on a read fault (Dave Chinner, "Re: [PATCH v3 0/3]
                // Add XIP support to ext4", 23 Dec 2013,
                // https://lore.kernel.org/r/20131223041447.GG3220@dastard).
                if (!allocateForFault(ip, block)) {
                    trace.event("dax_pte_fault_done", VmFault.SIGBUS.toString());
                    return Access.SIGBUS;
                }
                ip.daxEntries.put(page, page + 1, DaxEntry.BLOCK);
                m.setPte(page, Pte.FILE_READ);
                m.addTable(pmd);
                trace.event("dax_pte_fault_done", VmFault.MAJOR_NOPAGE.toString());
                return Access.OK;
            }
            if (hole) {
                // dax_load_hole(): the zero page, read-only; nothing is allocated (B5).
                ip.daxEntries.put(page, page + 1, DaxEntry.ZERO);
                m.setPte(page, Pte.ZERO);
                trace.event("dax_load_hole", VmFault.NOPAGE.toString());
            } else {
                if (ip.daxEntries.get(page) == null) {
                    ip.daxEntries.put(page, page + 1, DaxEntry.BLOCK);
                }
                m.setPte(page, Pte.FILE_READ);
            }
            m.addTable(pmd);
            trace.event("dax_pte_fault_done", VmFault.NOPAGE.toString());
            return Access.OK;
        }
        if (!m.shared()) {
            // do_cow_fault(): dax_fault_cow_page() copies the block, or zeros for a hole or
            // an unwritten block, into an anonymous page; nothing is allocated, and the
            // entry grab_mapping_entry() made stays behind, empty.
            if (ip.daxEntries.get(page) == null) {
                ip.daxEntries.put(page, page + 1, DaxEntry.EMPTY);
            }
            boolean hole = s == null || s == BlockState.UNWRITTEN;
            m.setPte(page, privateCopy(ip, hole ? Pte.ZERO : Pte.FILE_READ, page));
            m.addTable(pmd);
            trace.event("dax_pte_fault_done", VmFault.DONE_COW.toString());
            return Access.OK;
        }
        boolean fresh = false;
        if (s == null) {
            if (!allocateForFault(ip, block)) {
                // dax_fault_return(-ENOSPC) is VM_FAULT_SIGBUS.
                trace.event("dax_pte_fault_done", VmFault.SIGBUS.toString());
                return Access.SIGBUS;
            }
            fresh = true;
        } else if (s == BlockState.UNWRITTEN) {
            convertForFault(ip, block);
            fresh = true;
        }
        if (ip.daxEntries.get(page) != DaxEntry.PMD_BLOCK) {
            // dax_insert_entry() replaces a zero page entry and unmaps it everywhere.
            if (ip.daxEntries.get(page) == DaxEntry.ZERO) {
                for (Mapping other : ip.mappings) {
                    if (other != m && other.pte(page) == Pte.ZERO) {
                        other.zapPtes(page, page + 1);
                    }
                }
            }
            ip.daxEntries.put(page, page + 1, DaxEntry.BLOCK);
        }
        VmFault result = fresh ? VmFault.MAJOR_NOPAGE : VmFault.NOPAGE;
        requireKnownSyncState(ip, m);
        // dax_fault_is_synchronous(): a MAP_SYNC write fault while the inode's metadata is
        // not yet on stable storage returns VM_FAULT_NEEDDSYNC; the filesystem then runs
        // dax_finish_sync_fault(), fsyncing the range before the PTE becomes writable (B7).
        if (m.sync() && ip.metadataDirty) {
            result = fresh ? VmFault.MAJOR_NEEDDSYNC : VmFault.NEEDDSYNC;
            sb.journal().syncFault();
            trace.event("dax_insert_pfn_mkwrite", VmFault.NOPAGE.toString());
        }
        m.setPte(page, Pte.FILE_WRITE);
        m.addTable(pmd);
        trace.event("dax_pte_fault_done", result.toString());
        return Access.OK;
    }

    /**
     * A MAP_SYNC write fault on xfs, on an inode read from disk with no change committed
     * since ({@link Inode#iversionQueried}): xfs_filemap_fault() updates the file's times
     * before the fault maps the block, and the first transaction that logs the inode
     * after it was read logs XFS_ILOG_CORE, so the fault finds it dirty for fsync and
     * returns VM_FAULT_NEEDDSYNC, though nothing the model tracks changed. Whether an
     * earlier access (an atime under relatime, an overwrite) logged it already, and was
     * fsynced since, the model does not follow, so it refuses. Found by daxspec explore on
     * Debian 6.1: after a write and a remount, a MAP_SYNC write fault fired
     * dax_insert_pfn_mkwrite and dax_pte_fault_done NEEDDSYNC. Only PTE faults ask: an xfs
     * PMD fault over blocks falls back to them, as the model never knows xfs's blocks 2 MiB
     * aligned ({@link FsProfile#pmdAllocationsAligned}).
     */
    private void requireKnownSyncState(Inode ip, Mapping m) {
        if (m.sync() && !ip.metadataDirty && ip.iversionQueried) {
            throw new Unpredictable("a MAP_SYNC write fault on xfs on an inode read from disk: whether a change"
                    + " logged since has bumped its i_version and been fsynced is not modelled");
        }
    }

    /** A private, writable copy of what {@code from} maps at {@code page}. */
    private Pte privateCopy(Inode ip, Pte from, long page) {
        FileData copy = new FileData();
        long pos = page * g.pageSize();
        if (from.kind() == Pte.Kind.PRIVATE) {
            copy.copyFrom(from.copy(), pos, g.pageSize());
        } else if (from.kind() == Pte.Kind.FILE) {
            copy.copyFrom(ip.data, pos, g.pageSize());
        }
        return new Pte(Pte.Kind.PRIVATE, true, copy);
    }

    /** The block state a write fault leaves on new or converted blocks. */
    private BlockState writeFaultState() {
        if (sb.kernel().has(Bug.FAULT_LEAVES_UNWRITTEN)) {
            // The bug: the fault path allocated without converting, so the extent stays
            // unwritten and read() returns zeros for what the mapping wrote (Dave Chinner,
            // "Re: [PATCH v3 0/3] Add XIP support to ext4", 23 Dec 2013:
            // "they remain unwritten despite the fact that userspace can now write").
            return BlockState.UNWRITTEN;
        }
        return BlockState.WRITTEN;
    }

    /** A write fault's allocation of one zeroed block; false at ENOSPC. */
    private boolean allocateForFault(Inode ip, long block) {
        if (!sb.alloc().fits(1)) {
            return false;
        }
        sb.alloc().placeForPmd(ip, block, block + 1);
        ip.extents.set(block, block + 1, writeFaultState());
        ip.zero(block * g.blockSize(), g.blockSize());
        ip.metadataDirty = true;
        sb.alloc().recharge(ip);
        sb.journal().note();
        return true;
    }

    /** A write fault's conversion of an unwritten block, as the filesystem converts (ext4 zeroes out around it). */
    private void convertForFault(Inode ip, long block) {
        RangeMap.Run<BlockState> run = ip.extents.runAt(block);
        long[] c =
                sb.profile().conversion(ip.extents, run.start(), run.end(), block, block + 1, g.blocksFor(ip.size), g);
        ip.extents.set(c[0], c[1], writeFaultState());
        ip.metadataDirty = true;
        sb.journal().note();
    }

    // ---------------------------------------------------------------- page cache

    /**
     * filemap_fault() and ->page_mkwrite() for a file that is not DAX: SIGBUS past EOF as
     * for DAX (B2); a read brings the page (and readahead) into the page cache; a write
     * fault allocates the page's blocks within EOF (delayed where the filesystem delays)
     * and dirties the page.
     */
    private Access pageCacheFault(Inode ip, Mapping m, long page, boolean write) {
        Pte pte = m.pte(page);
        if (pte != null && (!write || pte.writable())) {
            return Access.OK;
        }
        if (page >= g.pagesFor(ip.size)) {
            return Access.SIGBUS;
        }
        if (!write) {
            ip.readahead = true;
            m.setPte(page, Pte.FILE_READ);
            return Access.OK;
        }
        if (!m.shared()) {
            // do_cow_fault() or do_wp_page(): the page is copied; the file is untouched.
            ip.readahead |= pte == null;
            m.setPte(page, privateCopy(ip, pte == null ? Pte.FILE_READ : pte, page));
            return Access.OK;
        }
        // do_shared_fault() reads the page through filemap_fault() before ->page_mkwrite(),
        // and a page not yet mapped brings its read-around window in with it, as a read
        // fault does (found by daxspec explore on Debian 6.1: SEEK_DATA over xfs's
        // unwritten extent found the page before the stored one).
        ip.readahead |= pte == null;
        long pageStart = page * g.pageSize();
        long first = g.blockIndex(pageStart);
        long end = g.blocksFor(Math.min(pageStart + g.pageSize(), ip.size));
        if (!pageCache.pageMkwrite(ip, first, end)) {
            return Access.SIGBUS;
        }
        m.setPte(page, Pte.FILE_WRITE);
        return Access.OK;
    }
}

package dev.daxspec.oracle.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.fs.Errno;
import dev.daxspec.oracle.fs.Inode;
import dev.daxspec.oracle.fs.Unpredictable;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.storage.BlockState;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import dev.daxspec.oracle.xfsio.XfsIoResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The page fault rules of the seeds, on DAX and through the page cache. */
class FaultRulesTest {

    private static final Target EXT4_DAX =
            Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096);
    private static final Target XFS_DAX =
            Targets.target(Filesystem.XFS, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096);

    static Stream<Arguments> eofCases() {
        List<Target> targets = new ArrayList<>(Targets.x86());
        targets.add(Targets.target(Filesystem.XFS, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 65536, 65536));
        return targets.stream().flatMap(t -> {
            int p = t.pageSize();
            return Stream.of(1L, 1100L, p - 1L, (long) p, p + 1L, 2L * p - 1, 2L * p)
                    .map(size -> Arguments.of(t, size));
        });
    }

    /**
     * B2 (Ross Zwisler on the iomap DAX draft, 2016): SIGBUS exactly from page DIV_ROUND_UP(i_size,
     * PAGE_SIZE) on; the tail reads zero.
     */
    @ParameterizedTest(name = "{0}: i_size {1}")
    @MethodSource("eofCases")
    void loadsFaultSigbusExactlyFromTheFirstPagePastEof(Target t, long size) {
        Model m = new Model(t);
        int page = t.pageSize();
        long pages = (size + page - 1) / page;
        m.out("f", "pwrite -S 0x61 0 " + size);
        XfsIoResult last = m.xfsIo("f", "mmap -r 0 " + 4 * page, "mread -v " + (pages * page - 16) + " 16");
        assertThat(last.exitStatus()).isZero();
        long tail = pages * page - size;
        String dump = last.output();
        assertThat(dump).contains(tail >= 16 ? "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" : "61");
        XfsIoResult past = m.xfsIo("f", "mmap -r 0 " + 4 * page, "mread " + pages * page + " 1");
        assertThat(past.exitStatus()).isEqualTo(XfsIoResult.SIGBUS_STATUS);
    }

    /**
     * The iomap-DAX draft's check (Ross Zwisler's reply to it, 2016) lets through a fault on the page
     * after a page-aligned EOF.
     */
    @Test
    void theEofRoundingBugLetsAFaultPastEofThrough() {
        for (long size : new long[] {4096, 4097, 1100}) {
            Model right = new Model(EXT4_DAX);
            Model buggy = new Model(EXT4_DAX, Kernel.with(Bug.DAX_FAULT_EOF_ROUNDING));
            long firstPast = (size + 4095) / 4096 * 4096;
            for (Model m : new Model[] {right, buggy}) {
                m.out("f", "truncate " + size);
            }
            assertThat(right.xfsIo("f", "mmap -r 0 16k", "mread " + firstPast + " 1")
                            .exitStatus())
                    .isEqualTo(135);
            // pos >= i_size + PAGE_SIZE - 1 passes 4096 for i_size 4096 and 8192 for 4097, not 4096 for 1100.
            boolean through = firstPast < size + 4096 - 1;
            assertThat(buggy.xfsIo("f", "mmap -r 0 16k", "mread " + firstPast + " 1")
                            .exitStatus())
                    .as("i_size %d", size)
                    .isEqualTo(through ? 0 : 135);
        }
    }

    /**
     * B5 (Dave Chinner, "Re: [PATCH v3 0/3] Add XIP support to ext4", 2013): a read fault maps the
     * zero page; nothing is allocated.
     */
    @Test
    void readFaultsNeverAllocate() {
        for (Target t : List.of(EXT4_DAX, XFS_DAX)) {
            Model m = new Model(t);
            String out = m.out("f", "truncate 16k", "falloc -k 8k 4k", "mmap 0 16k", "mread 0 16k");
            assertThat(m.inode("f").extents().state(0)).isNull();
            assertThat(m.inode("f").extents().state(2)).isEqualTo(BlockState.UNWRITTEN);
            assertThat(out).isEmpty();
        }
    }

    @Test
    void theReadFaultAllocatesBugAllocatesOnWritableMappings() {
        Model buggy = new Model(EXT4_DAX, Kernel.with(Bug.READ_FAULT_ALLOCATES));
        buggy.out("f", "truncate 16k", "mmap 0 16k", "mread 0 1");
        assertThat(buggy.inode("f").extents().state(0)).isEqualTo(BlockState.WRITTEN);
        Model readOnly = new Model(EXT4_DAX, Kernel.with(Bug.READ_FAULT_ALLOCATES));
        readOnly.out("f", "truncate 16k", "mmap -r 0 16k", "mread 0 1");
        assertThat(readOnly.inode("f").extents().state(0)).isNull();
    }

    /**
     * The read-fault-allocates variant maps the block it allocated at once, as a major
     * fault (a second load does not fault), and at ENOSPC its read fault is SIGBUS.
     */
    @Test
    void theReadFaultAllocatesBugMapsTheBlockItAllocatedAndIsSigbusAtEnospc() {
        Model buggy = new Model(EXT4_DAX, Kernel.with(Bug.READ_FAULT_ALLOCATES));
        XfsIoResult r = buggy.xfsIo("f", "truncate 16k", "mmap 0 16k", "mread -v 4096 2", "mread -v 4096 2");
        assertThat(r.output()).isEqualTo("00001000:  00 00  ..\n00001000:  00 00  ..\n");
        assertThat(r.trace().render()).isEqualTo("trace: dax_pte_fault_done MAJOR|NOPAGE 1\n");
        assertThat(buggy.inode("f").extents().state(1)).isEqualTo(BlockState.WRITTEN);

        Model full = new Model(EXT4_DAX, Kernel.with(Bug.READ_FAULT_ALLOCATES), 0);
        full.out("f", "truncate 16k");
        XfsIoResult sigbus = full.xfsIo("f", "mmap 0 16k", "mread 4096 1");
        assertThat(sigbus.exitStatus()).isEqualTo(135);
        assertThat(sigbus.trace().render()).isEqualTo("trace: dax_pte_fault_done SIGBUS 1\n");
        assertThat(full.inode("f").extents().state(1)).isNull();
    }

    /**
     * B5, B8 (Dave Chinner, "Re: [PATCH v3 0/3] Add XIP support to ext4", 2013): a write fault
     * allocates or converts; read() sees what the mapping wrote.
     */
    @Test
    void writeFaultsAllocateAndConvertSoReadSeesTheData() {
        for (Target t : List.of(
                EXT4_DAX, XFS_DAX, Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096))) {
            Model m = new Model(t);
            m.out(
                    "f",
                    "truncate 16k",
                    "falloc -k 8k 4k",
                    "mmap 0 16k",
                    "mwrite -S 0x77 100 1",
                    "mwrite -S 0x78 8200 1");
            assertThat(m.fs.readData(m.inode("f"), 100, 1)[0]).as(t.toString()).isEqualTo((byte) 0x77);
            assertThat(m.fs.readData(m.inode("f"), 8200, 1)[0]).as(t.toString()).isEqualTo((byte) 0x78);
        }
    }

    @Test
    void theFaultLeavesUnwrittenBugHidesMappedWritesFromRead() {
        Model buggy = new Model(XFS_DAX, Kernel.with(Bug.FAULT_LEAVES_UNWRITTEN));
        String out = buggy.out(
                "f", "truncate 16k", "mmap 0 16k", "mwrite -S 0x77 100 1", "mread -v 96 16", "pread -v 96 16");
        assertThat(buggy.inode("f").extents().state(0)).isEqualTo(BlockState.UNWRITTEN);
        // The mapping sees the store; read() sees zeros.
        assertThat(out).contains("00000060:  00 00 00 00 77 00").contains("00000060:  00 00 00 00 00 00");
    }

    /**
     * B4 (Ross Zwisler on the iomap DAX draft, 2016): a 2 MiB hole gets the huge zero page; a 4 KiB
     * entry first keeps it on 4 KiB faults.
     */
    @Test
    void pmdFaultsMapTheHugeZeroPageUnlessA4kEntryCameFirst() {
        Model m = new Model(EXT4_DAX);
        var r = m.xfsIo("f", "truncate 4m", "mmap -r 0 4m", "mread 0 1", "mread 2m 1", "mread 8192 1");
        assertThat(r.trace().render()).isEqualTo("trace: dax_pmd_fault_done NOPAGE 2\ntrace: dax_pmd_load_hole 2\n");
        Model n = new Model(EXT4_DAX);
        var s = n.xfsIo("g", "truncate 4m", "mmap -r 0 4096", "mread 0 1", "munmap", "mmap -r 0 4m", "mread 0 1");
        // Both mappings fault page 0 in with a zero page; the second tries a PMD first.
        assertThat(s.trace().render())
                .isEqualTo("trace: dax_load_hole NOPAGE 2\n"
                        + "trace: dax_pmd_fault_done FALLBACK 1\ntrace: dax_pte_fault_done NOPAGE 2\n");
    }

    @Test
    void theHoleSizeBugNeverMapsTheHugeZeroPage() {
        Model buggy = new Model(EXT4_DAX, Kernel.with(Bug.PMD_HOLE_SIZE_UNKNOWN));
        var r = buggy.xfsIo("f", "truncate 4m", "mmap -r 0 4m", "mread 0 1", "mread 2m 1");
        assertThat(r.trace().render()).doesNotContain("dax_pmd_load_hole").contains("dax_pmd_fault_done FALLBACK 2");
    }

    /** A write fault over a 2 MiB hole allocates it all; ext4's blocks are aligned, xfs's are not. */
    @Test
    void pmdWriteFaultsAllocate2MiB() {
        Model e = new Model(EXT4_DAX);
        assertThat(e.xfsIo("f", "truncate 4m", "mmap 0 4m", "mwrite 0 1")
                        .trace()
                        .render())
                .isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\n");
        Model x = new Model(XFS_DAX);
        assertThat(x.xfsIo("f", "truncate 4m", "mmap 0 4m", "mwrite 0 1")
                        .trace()
                        .render())
                .isEqualTo("trace: dax_pmd_fault_done FALLBACK 1\ntrace: dax_pte_fault_done NOPAGE 1\n");
        for (Model m : new Model[] {e, x}) {
            assertThat(m.inode("f").extents().mapped()).isEqualTo(512);
        }
    }

    /**
     * A 2 MiB range ext4 filled from one 2 MiB preallocation window is one aligned extent, and
     * a PMD fault maps it; after a free took part of it, or after the window was dropped
     * (the last close, ext4_release_file()) before the range was full, where the new blocks
     * land is not modelled, and a PMD fault over the range is refused (Allocator.placeForPmd).
     */
    @Test
    void ext4KnowsA2MiBRangeAlignedOnlyWhenOneWindowFilledIt() {
        String[] pmdRead = {"mmap 0 4m", "mread 4096 1"};
        Model whole = new Model(EXT4_DAX);
        whole.xfsIo("f", "truncate 4m", "mmap 0 4m", "mwrite 0 1");
        whole.xfsIo("f", "fpunch 0 2m", "pwrite 0 1m", "pwrite 1m 1m");
        assertThat(whole.xfsIo("f", pmdRead).trace().render()).isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\n");

        Model twoCloses = new Model(EXT4_DAX);
        twoCloses.xfsIo("f", "truncate 4m", "mmap 0 4m", "mwrite 0 1");
        twoCloses.xfsIo("f", "fpunch 0 2m", "pwrite 0 1m");
        twoCloses.xfsIo("f", "pwrite 1m 1m");
        assertThatThrownBy(() -> twoCloses.xfsIo("f", pmdRead)).isInstanceOf(Unpredictable.class);

        Model partPunched = new Model(EXT4_DAX);
        partPunched.xfsIo("f", "truncate 4m", "mmap 0 4m", "mwrite 0 1");
        partPunched.xfsIo("f", "fpunch 20k 4k", "pwrite 20k 4k");
        assertThatThrownBy(() -> partPunched.xfsIo("f", pmdRead)).isInstanceOf(Unpredictable.class);

        Model partTruncated = new Model(EXT4_DAX);
        partTruncated.xfsIo("f", "truncate 4m", "mmap 0 4m", "mwrite 0 1");
        partTruncated.xfsIo("f", "truncate 1m", "truncate 4m", "pwrite 1m 1m");
        assertThatThrownBy(() -> partTruncated.xfsIo("f", pmdRead)).isInstanceOf(Unpredictable.class);

        // A write next to allocated blocks asks for the blocks beside them
        // (EXT4_MB_HINT_TRY_GOAL): no window.
        Model besideData = new Model(EXT4_DAX);
        besideData.xfsIo("f", "truncate 4m", "pwrite 2m 4k");
        besideData.xfsIo("f", "pwrite 0 2m");
        assertThatThrownBy(() -> besideData.xfsIo("f", pmdRead)).isInstanceOf(Unpredictable.class);

        // A file above 4 MiB gets a bigger window, which is not modelled.
        Model big = new Model(EXT4_DAX);
        big.xfsIo("f", "truncate 8m", "pwrite 0 2m");
        assertThatThrownBy(() -> big.xfsIo("f", pmdRead)).isInstanceOf(Unpredictable.class);
    }

    /**
     * The window and the alignment belong to one 2 MiB range each (measured on 6.1: a PMD
     * maps the first 2 MiB after a punch and write in the second; 4 MiB of 4 KiB writes
     * into a 4 MiB hole, and one 2 MiB write growing a 1 MiB file, get the first 2 MiB
     * aligned). The window is the request's when one write(2) extends the file, and a punch
     * drops it even where it freed nothing of the range.
     */
    @Test
    void ext4sPreallocationWindowBelongsToOne2MiBRange() {
        Model second = new Model(EXT4_DAX);
        second.xfsIo("f", "truncate 4m", "mmap 0 4m", "mwrite 0 1", "mwrite 2m 1");
        second.xfsIo("f", "fpunch 2m 4k", "pwrite 2m 4k");
        assertThat(second.xfsIo("f", "mmap 0 4m", "mread 4096 1").trace().render())
                .isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\n");
        assertThatThrownBy(() -> second.xfsIo("f", "mmap 0 4m", "mread 2m 1")).isInstanceOf(Unpredictable.class);

        // xfs_io writes 4 KiB a call: the first 2 MiB get a window, the second 2 MiB do not
        // (their first block lies beside the first range's last: EXT4_MB_HINT_TRY_GOAL).
        Model chunks = new Model(EXT4_DAX);
        chunks.xfsIo("f", "truncate 4m", "pwrite 0 4m");
        assertThat(chunks.xfsIo("f", "mmap 0 4m", "mread 4096 1").trace().render())
                .isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\n");
        assertThatThrownBy(() -> chunks.xfsIo("f", "mmap 0 4m", "mread 2m 1")).isInstanceOf(Unpredictable.class);

        Model secondOnly = new Model(EXT4_DAX);
        secondOnly.xfsIo("f", "truncate 4m", "pwrite 2m 2m");
        assertThat(secondOnly.xfsIo("f", "mmap 0 4m", "mread 2m 1").trace().render())
                .isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\n");

        Model grown = new Model(EXT4_DAX);
        grown.xfsIo("f", "truncate 1m", "pwrite -b 2m 0 2m");
        assertThat(grown.xfsIo("f", "mmap 0 2m", "mread 4096 1").trace().render())
                .isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\n");

        Model punched = new Model(EXT4_DAX);
        punched.xfsIo("f", "truncate 4m", "pwrite 0 1m", "fpunch 3m 4k", "pwrite 1m 1m");
        assertThatThrownBy(() -> punched.xfsIo("f", "mmap 0 4m", "mread 4096 1"))
                .isInstanceOf(Unpredictable.class);
    }

    /**
     * B7 (Jan Kara, "[RFC PATCH 0/7] dax, ext4: Synchronous page faults", 2017): MAP_SYNC needs DAX; a
     * write fault with dirty metadata syncs it first.
     */
    @Test
    void mapSyncNeedsDaxAndSyncsDirtyMetadataBeforeWriting() {
        Model brd = new Model(Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
        assertThat(brd.out("f", "mmap -S 0 4096")).isEqualTo("mmap: Operation not supported\n");
        Model m = new Model(EXT4_DAX);
        var r = m.xfsIo("f", "pwrite 0 8k", "mmap -S 0 8k", "mwrite 0 1", "mwrite 4096 1");
        assertThat(r.trace().render())
                .isEqualTo("trace: dax_insert_pfn_mkwrite NOPAGE 1\n"
                        + "trace: dax_pte_fault_done NEEDDSYNC 1\ntrace: dax_pte_fault_done NOPAGE 1\n");
        Model synced = new Model(EXT4_DAX);
        var s = synced.xfsIo("f", "pwrite 0 8k", "fsync", "mmap -S 0 8k", "mwrite 0 1");
        assertThat(s.trace().render()).isEqualTo("trace: dax_pte_fault_done NOPAGE 1\n");
    }

    /**
     * xfs marks the i_version of an inode it reads from disk queried, so the first change it logs
     * after a remount makes the inode dirty for fsync, a MAP_SYNC write fault's own time update
     * too: the oracle refuses such a fault until a change of the inode has been committed. ext4
     * keeps no such state.
     */
    @Test
    void aMapSyncWriteFaultOnXfsAfterARemountIsRefusedUntilAChangeIsCommitted() {
        Model xfs = new Model(XFS_DAX);
        xfs.out("f", "pwrite 0 8k", "fsync");
        Model remounted = xfs.remount();
        assertThatThrownBy(() -> remounted.xfsIo("f", "mmap -S 0 8k", "mwrite 0 1"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("i_version");
        Model committed = xfs.remount();
        committed.out("f", "truncate 12k", "fsync");
        assertThat(committed.xfsIo("f", "mmap -S 0 8k", "mwrite 0 1").trace().render())
                .isEqualTo("trace: dax_pte_fault_done NOPAGE 1\n");
        Model ext4 = new Model(EXT4_DAX);
        ext4.out("f", "pwrite 0 8k", "fsync");
        assertThat(ext4.remount()
                        .xfsIo("f", "mmap -S 0 8k", "mwrite 0 1")
                        .trace()
                        .render())
                .isEqualTo("trace: dax_pte_fault_done NOPAGE 1\n");
    }

    /**
     * B6 (Dave Chinner, "Re: [PATCH v3 0/3] Add XIP support to ext4", 2013): what a mapping stores
     * past EOF never becomes file data when the file grows.
     */
    @Test
    void bytesStoredPastEofAreZeroWhenTheFileGrows() {
        for (String grow : new String[] {"truncate 8192", "pwrite 6000 1"}) {
            Model right = new Model(EXT4_DAX);
            Model buggy = new Model(EXT4_DAX, Kernel.with(Bug.EOF_BLOCK_NOT_ZEROED));
            for (Model m : new Model[] {right, buggy}) {
                m.out("f", "pwrite -S 0x61 0 1100", "mmap 0 4096", "mwrite -S 0x62 1100 100", "munmap", grow);
            }
            assertThat(right.fs.readData(right.inode("f"), 1100, 100)).as(grow).containsOnly(0);
            assertThat(buggy.fs.readData(buggy.inode("f"), 1100, 100)).as(grow).containsOnly(0x62);
        }
    }

    /**
     * B10 (Jan Kara, "[RFC PATCH 0/7] dax, ext4: Synchronous page faults", 2017): punch tears the
     * mapping down; the bug keeps the old block mapped.
     */
    @Test
    void punchUnmapsTheRangeFirst() {
        Model stale = new Model(XFS_DAX, Kernel.with(Bug.PUNCH_KEEPS_STALE_MAPPING));
        var r = stale.xfsIo(
                "f", "pwrite -S 0x61 0 16k", "mmap 0 16k", "mread 0 16k", "fpunch 4096 4096", "mread -v 4096 16");
        assertThat(r.output()).contains("00001000:  61 61 61 61");
        var ok = new Model(XFS_DAX)
                .xfsIo(
                        "f",
                        "pwrite -S 0x61 0 16k",
                        "mmap 0 16k",
                        "mread 0 16k",
                        "fpunch 4096 4096",
                        "mread -v 4096 16");
        assertThat(ok.output()).contains("00001000:  00 00 00 00");
    }

    /**
     * The punch-keeps-stale-mapping variant keeps every punched page mapped to what it held,
     * and only those: a write to the file after the punch shows through the mapping on the
     * page past the punched range.
     */
    @Test
    void thePunchBugKeepsEveryPunchedPageAndNoOther() {
        Model stale = new Model(XFS_DAX, Kernel.with(Bug.PUNCH_KEEPS_STALE_MAPPING));
        var r = stale.xfsIo(
                "f",
                "pwrite -S 0x61 0 16k",
                "mmap 0 16k",
                "mread 0 16k",
                "fpunch 4096 8192",
                "pwrite -S 0x62 12288 4",
                "mread -v 4096 2",
                "mread -v 8190 2",
                "mread -v 12288 2");
        assertThat(r.output()).endsWith("00001000:  61 61  aa\n00001ffe:  61 61  aa\n00003000:  62 62  bb\n");
    }

    /** A private mapping's store copies the page: the file is untouched and nothing is allocated. */
    @Test
    void privateStoresCopyThePage() {
        for (Target t : List.of(EXT4_DAX, XFS_DAX)) {
            Model m = new Model(t);
            m.out("f", "pwrite -S 0x61 0 8k", "truncate 16k");
            var r = m.probe("f", "mmap -p 0 16k", "mwrite -S 0x62 0 4", "mwrite -S 0x63 12k 4", "mread -v 0 16");
            assertThat(r.output())
                    .as(t.toString())
                    .isEqualTo("00000000:  62 62 62 62 61 61 61 61 61 61 61 61 61 61 61 61  bbbbaaaaaaaaaaaa\n");
            assertThat(r.trace().render()).isEqualTo("trace: dax_pte_fault_done DONE_COW 2\n");
            assertThat(m.fs.readData(m.inode("f"), 0, 4)).containsOnly(0x61);
            assertThat(m.inode("f").extents().state(3)).isNull();
        }
    }

    /** dax_fault_check_fallback(): "Fall back to PTEs if we're going to COW". */
    @Test
    void privateWritesNeverGetAPmd() {
        Model m = new Model(EXT4_DAX);
        m.out("f", "truncate 4m");
        var r = m.probe("f", "mmap -p 0 4m", "mwrite 2m 1");
        assertThat(r.trace().render())
                .isEqualTo("trace: dax_pmd_fault_done FALLBACK 1\ntrace: dax_pte_fault_done DONE_COW 1\n");
    }

    /**
     * B2 in the order the kernel checks it. On pmd_none() __handle_mm_fault() calls
     * create_huge_pmd() for every DAX VMA, whatever its size, sharing or access
     * (hugepage_vma_check(): "if (vma_is_dax(vma)) return in_pf;"), and dax_iomap_pmd_fault()
     * returns VM_FAULT_SIGBUS on "if (xas.xa_index >= max_pgoff)" before
     * dax_fault_check_fallback() looks at the VMA, copy-on-write or alignment: the PMD fault,
     * not a PTE fault, raises the SIGBUS (found by daxspec explore on Debian's 6.1.0-57).
     */
    @Test
    void aFaultPastEofWithoutAPageTableIsThePmdFaultsSigbus() {
        List<String[]> programs = List.of(
                new String[] {"mmap -p 0 1", "mread 0 1"},
                new String[] {"mmap -p 0 1", "mwrite -S 0x65 0 1"},
                new String[] {"mmap 0 1", "mread 0 1"},
                new String[] {"mmap 0 1", "mwrite -S 0x65 0 1"},
                new String[] {"mmap -p 0 4m", "mwrite 0 1"},
                new String[] {"mmap -p 1m 2m", "mread 1m 1"});
        for (Target t : List.of(EXT4_DAX, XFS_DAX)) {
            for (String[] program : programs) {
                Model m = new Model(t);
                m.out("f", "truncate 0");
                var r = m.probe("f", program);
                assertThat(r.exitStatus())
                        .as("%s %s", t, String.join(" ", program))
                        .isEqualTo(XfsIoResult.SIGBUS_STATUS);
                assertThat(r.trace().render())
                        .as("%s %s", t, String.join(" ", program))
                        .isEqualTo("trace: dax_pmd_fault_done SIGBUS 1\n");
            }
        }
    }

    /**
     * Where the PMD already points at a page table (pmd_none() is false), __handle_mm_fault()
     * goes straight to handle_pte_fault(): dax_iomap_pte_fault() raises the SIGBUS. So it is
     * after an earlier fault of the same mapping there, and in xfs_io, whose small mappings
     * share their page table with its shared libraries (Mapping.ownPageTables(), measured on
     * 6.1). The fallback of a PMD range the VMA does not cover is not counted (FaultTrace).
     */
    @Test
    void aFaultPastEofUnderAnExistingPageTableIsThePteFaultsSigbus() {
        Model m = new Model(EXT4_DAX);
        m.out("f", "truncate 4096");
        var r = m.probe("f", "mmap -p 0 8k", "mread 0 1", "mread 4096 1");
        assertThat(r.exitStatus()).isEqualTo(XfsIoResult.SIGBUS_STATUS);
        assertThat(r.trace().render())
                .isEqualTo("trace: dax_load_hole NOPAGE 1\n"
                        + "trace: dax_pte_fault_done NOPAGE 1\ntrace: dax_pte_fault_done SIGBUS 1\n");
        Model x = new Model(EXT4_DAX);
        var small = x.xfsIo("f", "mmap 0 1", "mread 0 1");
        assertThat(small.exitStatus()).isEqualTo(XfsIoResult.SIGBUS_STATUS);
        assertThat(small.trace().render()).isEqualTo("trace: dax_pte_fault_done SIGBUS 1\n");
        var large = x.xfsIo("f", "mmap 0 4m", "mread 0 1");
        assertThat(large.trace().render()).isEqualTo("trace: dax_pmd_fault_done SIGBUS 1\n");
    }

    /** Punch unmaps with even_cows false, keeping private copies; truncate drops them too. */
    @Test
    void privateCopiesSurvivePunchButNotTruncate() {
        Model m = new Model(XFS_DAX);
        m.out("f", "pwrite -S 0x61 0 8k");
        var r = m.probe(
                "f",
                "mmap -p 0 8k",
                "mwrite -S 0x62 0 1",
                "mread 4096 1",
                "fpunch 0 8k",
                "mread -v 0 16",
                "mread -v 4096 16",
                "truncate 0",
                "mread 0 1");
        assertThat(r.exitStatus()).isEqualTo(XfsIoResult.SIGBUS_STATUS);
        Model n = new Model(XFS_DAX);
        n.out("f", "pwrite -S 0x61 0 8k");
        var kept = n.probe(
                "f",
                "mmap -p 0 8k",
                "mwrite -S 0x62 0 1",
                "mread 4096 1",
                "fpunch 0 8k",
                "mread -v 0 16",
                "mread -v 4096 16");
        assertThat(kept.output())
                .isEqualTo("00000000:  62 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61  baaaaaaaaaaaaaaa\n"
                        + "00001000:  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n");
    }

    @Test
    void aStoreToAReadOnlyMappingIsSigsegvAndLosesBufferedOutput() {
        Model m = new Model(EXT4_DAX);
        var r = m.xfsIo("f", "pwrite 0 4096", "mmap -r 0 4096", "mwrite 0 1");
        assertThat(r.exitStatus()).isEqualTo(XfsIoResult.SIGSEGV_STATUS);
        assertThat(r.output()).isEmpty();
    }

    @Test
    void xfsIoPrintsItsMappingListAndAlignmentComplaints() {
        Model m = new Model(EXT4_DAX);
        String out = m.out(
                "f",
                "pwrite 0 16k",
                "mmap 0 8k",
                "msync 10 4096",
                "mmap -r 4096 8192",
                "mmap -S 0 4096",
                "munmap",
                "munmap");
        assertThat(out)
                .contains("offset address (ADDR) is not page aligned\n")
                .contains("[001] ADDR - ADDR r-- SCRATCH_MNT/f (4096 : 8192)\n")
                .endsWith("[000] ADDR - ADDR rwx SCRATCH_MNT/f (0 : 8192)\n");
        // mread's first dump chunk is length % pagesize; a one-byte first chunk dumps nothing at all.
        assertThat(m.out("f", "mmap 0 16k", "mread -v 0 4097")).isEmpty();
        assertThat(m.out("f", "mmap 0 16k", "mread -v 0 5000"))
                .startsWith("00000000:  cd")
                .contains("\n00000388:  cd");
    }

    /**
     * A PMD write fault allocates its 2 MiB from the free space, and where they do not fit
     * dax_iomap_pmd_fault() falls back (the iomap_begin's ENOSPC is VM_FAULT_FALLBACK) and
     * a PTE fault allocates the one block.
     */
    @Test
    void aPmdWriteFaultAtEnospcFallsBackToOneBlock() {
        Model m = new Model(EXT4_DAX, Kernel.CORRECT, 600);
        m.out("f", "truncate 4m");
        var r = m.xfsIo("f", "mmap 0 4m", "mwrite 2m 1", "mwrite 0 1");
        assertThat(r.trace().render())
                .isEqualTo("trace: dax_pmd_fault_done FALLBACK 1\ntrace: dax_pmd_fault_done NOPAGE 1\n"
                        + "trace: dax_pte_fault_done MAJOR|NOPAGE 1\n");
        assertThat(m.fs.freeBlocks()).isEqualTo(600 - 512 - 1);
        // The second 2 MiB got the PMD; the first, one block.
        assertThat(m.inode("f").extents().mapped(512, 1024)).isEqualTo(512);
        assertThat(m.inode("f").extents().mapped(0, 512)).isEqualTo(1);
    }

    /** The 2 MiB a PMD write fault allocates are zeroed, and nothing beside them. */
    @Test
    void aPmdWriteFaultZeroesExactlyTheBlocksItAllocates() {
        Model m = new Model(EXT4_DAX);
        m.out("f", "pwrite -S 0x61 0 4k", "truncate 8m", "pwrite -S 0x63 4m 4k");
        var r = m.xfsIo("f", "mmap 0 8m", "mwrite -S 0x62 2m 1");
        assertThat(r.trace().render()).isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\n");
        assertThat(m.fs.readData(m.inode("f"), 0, 4096)).containsOnly(0x61);
        assertThat(m.fs.readData(m.inode("f"), (2 << 20) + 1, 4095)).containsOnly(0);
        assertThat(m.fs.readData(m.inode("f"), 4 << 20, 4096)).containsOnly(0x63);
    }

    /**
     * do_mmap(): a shared mapping with PROT_WRITE needs a descriptor open for writing
     * (EACCES); a private one, or a read-only shared one, does not.
     */
    @Test
    void aWritableSharedMappingOfAReadOnlyDescriptorIsEacces() {
        Model m = new Model(EXT4_DAX);
        m.out("f", "pwrite 0 4k");
        Inode ip = m.inode("f");
        assertThat(m.fs.mmap(ip, 0, 4096, true, true, false, false, false, true, false)
                        .errno())
                .contains(Errno.EACCES);
        assertThat(m.fs.mmap(ip, 0, 4096, true, true, false, false, true, true, false)
                        .errno())
                .isEmpty();
        assertThat(m.fs.mmap(ip, 0, 4096, true, false, false, false, false, true, false)
                        .errno())
                .isEmpty();
    }

    /**
     * The read-fault-allocates variant's fault maps its block with a PTE, so the PMD points
     * at a page table afterwards: the next fault in the same 2 MiB is a PTE fault at once.
     */
    @Test
    void theReadFaultAllocatesBugLeavesAPageTableUnderThePmd() {
        Model buggy = new Model(EXT4_DAX, Kernel.with(Bug.READ_FAULT_ALLOCATES));
        buggy.out("f", "pwrite 0 4k", "truncate 4m");
        var r = buggy.xfsIo("f", "mmap 0 4m", "mread 8192 1", "mread 12288 1");
        assertThat(r.trace().render())
                .isEqualTo("trace: dax_pmd_fault_done FALLBACK 1\ntrace: dax_pte_fault_done MAJOR|NOPAGE 2\n");
    }

    /**
     * B4: a 4 KiB entry a write fault left in the file's mapping keeps a later fault of its
     * 2 MiB on 4 KiB pages (grab_mapping_entry() falls back), though by then the range is
     * all written and aligned on the device and a PMD could map it.
     */
    @Test
    void aWriteFaultsFourKiBEntryKeepsItsRangeOnPtesLater() {
        Model m = new Model(EXT4_DAX);
        m.out("f", "truncate 4m");
        // One xfs_io process: the 2 MiB window of ext4's preallocation lives until the close.
        m.xfsIo("f", "mmap 0 16k", "mwrite 0 1", "pwrite -b 2044k 4k 2044k");
        var r = m.xfsIo("f", "mmap 0 4m", "mread 4096 1");
        assertThat(r.trace().render())
                .isEqualTo("trace: dax_pmd_fault_done FALLBACK 1\ntrace: dax_pte_fault_done NOPAGE 1\n");
        Model clean = new Model(EXT4_DAX);
        clean.out("f", "truncate 4m");
        clean.xfsIo("f", "pwrite -b 4k 0 4k", "pwrite -b 2044k 4k 2044k");
        assertThat(clean.xfsIo("f", "mmap 0 4m", "mread 4096 1").trace().render())
                .isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\n");
    }

    /**
     * Past EOF in a PMD range the VMA does not cover, the PMD fault raises the SIGBUS
     * (dax_iomap_pmd_fault() checks max_pgoff first), in the second 2 MiB of the file too.
     */
    @Test
    void aFaultPastEofInTheSecondPmdRangeIsThePmdFaultsSigbus() {
        Model m = new Model(EXT4_DAX);
        m.out("f", "pwrite 0 4k");
        var r = m.probe("f", "mmap -p 2m 4k", "mread 2m 1");
        assertThat(r.exitStatus()).isEqualTo(XfsIoResult.SIGBUS_STATUS);
        assertThat(r.trace().render()).isEqualTo("trace: dax_pmd_fault_done SIGBUS 1\n");
    }

    /**
     * On the xip-blocksize-check-missing variant DAX mounts with 1 KiB blocks; a PMD fault
     * still looks at the 2 MiB of the file, 2048 blocks: one unwritten extent over them
     * maps the huge zero page, one over half of them does not.
     */
    @Test
    void withSmallerBlocksAPmdFaultLooksAtTheBlocksOfItsTwoMiB() {
        Target small = Targets.target(Filesystem.EXT4, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 1024);
        Kernel buggy = Kernel.with(Bug.XIP_BLOCKSIZE_CHECK_MISSING);
        Model whole = new Model(small, buggy);
        whole.out("f", "truncate 4m", "falloc 2m 2m");
        assertThat(whole.xfsIo("f", "mmap -r 0 4m", "mread 2m 1").trace().render())
                .isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\ntrace: dax_pmd_load_hole 1\n");
        Model half = new Model(small, buggy);
        half.out("f", "truncate 4m", "falloc 2m 1m");
        assertThat(half.xfsIo("f", "mmap -r 0 4m", "mread 2m 1").trace().render())
                .contains("trace: dax_pmd_fault_done FALLBACK 1\n")
                .doesNotContain("dax_pmd_load_hole");
    }

    /**
     * ext4_mb_normalize_request() gives a file of 1 MiB or less a window of at most 1 MiB:
     * a range whose first block was allocated then is not known to be 2 MiB aligned.
     */
    @Test
    void aFileOfOneMiBGetsNoTwoMiBWindow() {
        Model m = new Model(EXT4_DAX);
        m.xfsIo("f", "truncate 1m", "pwrite 0 4k", "truncate 4m", "pwrite -b 2044k 4k 2044k");
        assertThatThrownBy(() -> m.xfsIo("f", "mmap 0 4m", "mread 4096 1")).isInstanceOf(Unpredictable.class);
    }

    /** A remount keeps every 2 MiB range a PMD fault allocated aligned, the second one too. */
    @Test
    void aRemountKeepsEachPmdRangeAligned() {
        Model m = new Model(EXT4_DAX);
        m.out("f", "truncate 4m");
        m.xfsIo("f", "mmap 0 4m", "mwrite 0 1", "mwrite 2m 1");
        Model after = m.remount();
        assertThat(after.xfsIo("f", "mmap 0 4m", "mread 2m 1").trace().render())
                .isEqualTo("trace: dax_pmd_fault_done NOPAGE 1\n");
    }

    /**
     * read() zeroes every unwritten block in its range and only those: on the
     * fault-leaves-unwritten variant a store through the mapping into the second block
     * reads back as zeros, the written first block as written.
     */
    @Test
    void readZeroesExactlyTheUnwrittenBlocksOfItsRange() {
        Model buggy = new Model(XFS_DAX, Kernel.with(Bug.FAULT_LEAVES_UNWRITTEN));
        buggy.out("f", "pwrite -S 0x61 0 4k", "truncate 16k", "mmap 0 16k", "mwrite -S 0x77 4096 1");
        byte[] b = buggy.fs.readData(buggy.inode("f"), 0, 8192);
        for (int i = 0; i < b.length; i++) {
            assertThat(b[i]).as("byte %d", i).isEqualTo(i < 4096 ? (byte) 0x61 : 0);
        }
    }
}

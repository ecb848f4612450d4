package dev.daxspec.oracle.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import dev.daxspec.oracle.testing.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SEEK_DATA and SEEK_HOLE over holes, unwritten extents and data (iomap_seek_data/hole). */
class SeekRulesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#x86")
    void dataAndHolesAlternateAtBlockBoundariesAndEofIsAHole(Target t) {
        Model m = new Model(t);
        int bs = t.blockSize();
        String out = m.out(
                "f",
                "pwrite " + (bs + 10) + " 20",
                "pwrite " + (3 * bs) + " " + bs,
                "truncate " + 6 * bs,
                "seek -a -r 0");
        assertThat(out)
                .endsWith("Whence\tResult\nHOLE\t0\nDATA\t" + bs + "\nHOLE\t" + 2 * bs + "\nDATA\t" + 3 * bs
                        + "\nHOLE\t" + 4 * bs + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#x86")
    void theFirstResultIsTheOffsetItselfInsideData(Target t) {
        Model m = new Model(t);
        assertThat(m.out("f", "pwrite 0 100", "seek -d 7")).endsWith("Whence\tResult\nDATA\t7\n");
        assertThat(m.out("f", "seek -h 7")).isEqualTo("Whence\tResult\nHOLE\t100\n");
        assertThat(m.out("f", "seek -s -a 7")).isEqualTo("Whence\tStart\tResult\nDATA\t7\t7\nHOLE\t7\t100\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.daxspec.oracle.testing.Targets#x86")
    void atOrPastEofBothAreEof(Target t) {
        Model m = new Model(t);
        assertThat(m.out("f", "pwrite 0 100", "seek -d 100")).endsWith("Whence\tResult\nDATA\tEOF\n");
        assertThat(m.out("f", "seek -h 200")).isEqualTo("Whence\tResult\nHOLE\tEOF\n");
        // seek_f() tries SEEK_HOLE first, and when that is not the start offset it goes on to
        // SEEK_DATA; both fail, and the entry printed is the DATA one.
        assertThat(m.out("f", "seek -a 200")).isEqualTo("Whence\tResult\nDATA\tEOF\n");
    }

    /**
     * An unwritten extent is a hole to SEEK_DATA on a DAX file; through the page cache the
     * blocks a write dirtied are data before writeback converts them.
     */
    @Test
    void unwrittenExtentsAreHolesUnlessThePageCacheHoldsThem() {
        for (Filesystem fs : new Filesystem[] {Filesystem.EXT4, Filesystem.XFS}) {
            Model dax = new Model(Targets.target(fs, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
            assertThat(dax.out("f", "falloc 0 16k", "seek -a -r 0")).isEqualTo("Whence\tResult\nHOLE\t0\n");
            Model brd = new Model(Targets.target(fs, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
            String out = brd.out("f", "falloc 0 16k", "pwrite 4096 10", "seek -a -r 0");
            assertThat(out).endsWith("Whence\tResult\nHOLE\t0\nDATA\t4096\nHOLE\t8192\n");
        }
    }

    @Test
    void afterAReadThePageCacheOverUnwrittenExtentsIsNotPredicted() {
        Model brd = new Model(Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
        brd.out("f", "falloc 0 16k", "pread 0 1");
        assertThatThrownBy(() -> brd.out("f", "seek -d 0"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("readahead");
    }

    /**
     * A store through a shared mapping faults the page in through filemap_fault() before
     * ->page_mkwrite(), with its read-around window, as a read fault does. (Found by daxspec
     * explore on Debian 6.1: xfs found data at 0 where only the page at 4096 had been stored
     * to.)
     */
    @Test
    void afterASharedStoreFaultThePageCacheOverUnwrittenExtentsIsNotPredicted() {
        for (Filesystem fs : new Filesystem[] {Filesystem.EXT4, Filesystem.XFS}) {
            Model m = new Model(Targets.target(fs, DeviceKind.PMEM, MountOptions.NONE, 4096, 4096));
            m.out("f", "fzero 0 4592", "mmap 4096 1", "mwrite -S 0x64 4096 1");
            assertThatThrownBy(() -> m.out("f", "seek -a 0"))
                    .as(fs.toString())
                    .isInstanceOf(Unpredictable.class)
                    .hasMessageContaining("readahead");
        }
    }

    /**
     * Punch, zero range and truncate drop the page cache of the blocks they free or make
     * unwritten (truncate_pagecache_range(), truncate_pagecache()): SEEK_DATA over a
     * preallocation made there afterwards finds no page, so no data.
     */
    @Test
    void blocksPunchedZeroedOrTruncatedLoseTheirPageCache() {
        Target brd = Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096);
        List<String[]> programs = List.of(
                new String[] {"pwrite 0 8k", "fpunch 0 8k", "falloc 0 8k", "seek -d 0"},
                new String[] {"pwrite 0 8k", "fzero 0 8k", "seek -d 0"},
                new String[] {"pwrite 0 8k", "truncate 0", "falloc 0 8k", "seek -d 0"});
        for (String[] program : programs) {
            assertThat(new Model(brd).out("f", program))
                    .as(String.join("; ", program))
                    .endsWith("Whence\tResult\nDATA\tEOF\n");
        }
    }

    /**
     * A read fault over an unwritten block of a DAX file leaves a zero-page entry, which
     * SEEK_DATA counts as data (mapping_seek_hole_data()), in the middle of the extent too.
     */
    @Test
    void seekDataFindsTheEntryAReadFaultLeftInsideAnUnwrittenExtent() {
        for (Filesystem fs : new Filesystem[] {Filesystem.EXT4, Filesystem.XFS}) {
            Model m = new Model(Targets.target(fs, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
            m.out("f", "falloc 0 16k", "mmap -r 0 16k", "mread 8192 1");
            assertThat(m.out("f", "seek -a -r 0"))
                    .as(fs.toString())
                    .isEqualTo("Whence\tResult\nHOLE\t0\nDATA\t8192\nHOLE\t12288\n");
        }
    }

    /**
     * A read at EOF returns 0 before it reads anything ahead, so SEEK over unwritten extents
     * is still predicted; a store through a private mapping reads its page in first
     * (do_cow_fault()), with readahead, so afterwards it is not.
     */
    @Test
    void aReadAtEofReadsNothingAheadAPrivateStoreDoes() {
        Target brd = Targets.target(Filesystem.EXT4, DeviceKind.BRD, MountOptions.NONE, 4096, 4096);
        Model atEof = new Model(brd);
        assertThat(atEof.out("f", "falloc 0 16k", "pread 16k 10", "seek -d 0")).endsWith("DATA\tEOF\n");
        Model cow = new Model(brd);
        cow.out("f", "falloc 0 16k");
        cow.probe("f", "mmap -p 0 16k", "mwrite 0 1");
        assertThatThrownBy(() -> cow.out("f", "seek -d 0"))
                .isInstanceOf(Unpredictable.class)
                .hasMessageContaining("readahead");
    }
}

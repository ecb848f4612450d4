package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.daxspec.oracle.target.Filesystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where xfstests tests go, how they are numbered, and what their .out holds. */
class XfstestsSuiteTest {

    private static final SuiteOptions START = new SuiteOptions(OptionalInt.of(900), Optional.empty());

    @TempDir
    Path tmp;

    @Test
    void theSameOutputOnExtAndXfsMakesOneGenericTest() throws IOException {
        Suite s = SuiteWriter.write(
                Cases.named("mmap-eof-sigbus@ext4-pmem-dax=always-4096", "mmap-eof-sigbus@xfs-pmem-dax=always-4096"),
                Format.XFSTESTS,
                tmp.resolve("x"),
                START);
        assertThat(s.tests())
                .extracting(Suite.Test::path, Suite.Test::ids)
                .containsExactly(Tuple.tuple(
                        "tests/generic/900",
                        List.of(
                                "mmap-eof-sigbus@ext4-pmem-dax=always-4096",
                                "mmap-eof-sigbus@xfs-pmem-dax=always-4096")));
        String test = Files.readString(tmp.resolve("x/tests/generic/900"));
        assertThat(test)
                .contains(
                        "_require_scratch_dax_mountopt \"dax=always\"\n",
                        "_scratch_mount \"-o dax=always\"\n",
                        "_begin_fstest auto quick dax mmap rw\n",
                        "# daxspec's oracle predicts other output on ext2.\n_exclude_fs ext2\n");
    }

    /**
     * A fiemap table or {@code stat.blocks} shows how the filesystem allocates: such a test
     * goes to the filesystem's directory even when ext4 and xfs agree, so that btrfs, f2fs or
     * NFS do not fail it.
     */
    @Test
    void anOutputShowingAllocationIsPlacedPerFilesystemEvenWhenExtAndXfsAgree() throws IOException {
        Suite s = SuiteWriter.write(
                Cases.named(
                        "pwrite-crosses-pages@ext4-pmem-dax=always-4096",
                        "pwrite-crosses-pages@xfs-pmem-dax=always-4096",
                        "pwrite-crosses-pages@ext2-pmem-dax-4096"),
                Format.XFSTESTS,
                tmp.resolve("x"),
                START);
        assertThat(s.tests())
                .extracting(Suite.Test::path)
                .containsExactly("tests/ext4/900", "tests/ext4/901", "tests/xfs/900");
        String ext2 = Files.readString(tmp.resolve("x/tests/ext4/900"));
        String ext4 = Files.readString(tmp.resolve("x/tests/ext4/901"));
        // The legacy option on ext2; dax=always on the others, which ext2 refuses.
        assertThat(ext2)
                .contains(
                        "_require_scratch_dax_mountopt \"dax\"\n",
                        "_scratch_mount \"-o dax\"\n",
                        "_require_xfs_io_command \"fiemap\"");
        assertThat(ext4)
                .contains(
                        "_require_scratch_dax_mountopt \"dax=always\"\n",
                        "_scratch_mount \"-o dax=always\"\n",
                        "_begin_fstest auto quick dax fiemap rw\n",
                        "# daxspec's oracle predicts other output on ext2.\n_exclude_fs ext2\n");
        assertThat(Files.readString(tmp.resolve("x/tests/xfs/900"))).doesNotContain("_exclude_fs");
    }

    /** SEEK_DATA and SEEK_HOLE are checked as upstream's seek tests check them. */
    @Test
    void aSeekTestRequiresSeekDataHole() throws IOException {
        Suite s = SuiteWriter.write(
                Cases.named("seek-tables@ext4-pmem-dax=always-4096", "seek-tables@xfs-pmem-dax=always-4096"),
                Format.XFSTESTS,
                tmp.resolve("x"),
                START);
        assertThat(s.tests()).isNotEmpty();
        for (Suite.Test t : s.tests()) {
            assertThat(Files.readString(tmp.resolve("x").resolve(t.path())))
                    .contains("_require_xfs_io_command \"seek\"\n", "_require_test\n_require_seek_data_hole\n");
        }
    }

    /**
     * The helpers live in common/daxspec, written once; each test sources it and carries
     * none of them.
     */
    @Test
    void theHelpersAreWrittenOnceInCommonDaxspec() throws IOException {
        Path out = tmp.resolve("x");
        SuiteWriter.write(
                Cases.named(
                        "enospc-xfs-run",
                        "pwrite-crosses-pages@ext4-pmem-dax=always-4096",
                        "stat-delalloc@ext4-brd-defaults-4096"),
                Format.XFSTESTS,
                out,
                START);
        String common = Files.readString(out.resolve("common/daxspec"));
        assertThat(common)
                .startsWith("##/bin/bash\n# SPDX-License-Identifier: GPL-2.0\n")
                .contains(
                        "_daxspec_filter()\n",
                        "_daxspec_xfs_io()\n",
                        "_daxspec_require_page_size()\n",
                        "_daxspec_require_block_size()\n",
                        "_daxspec_require_no_dax_device()\n",
                        "daxspec_fill()");
        for (String t : Scripts.in(out, p -> p.matches("tests/[a-z0-9]+/\\d{3,}"))) {
            assertThat(Files.readString(out.resolve(t)))
                    .contains(". ./common/filter\n. ./common/daxspec\n")
                    .doesNotContain("()\n{", "awk", "ulimit");
        }
    }

    /**
     * A traced step counts the fs_dax events of the test's own ftrace buffer, as upstream's
     * common/tracing sets it up and cleans it up; the counts follow the step's output.
     */
    @Test
    void aTracedStepCountsTheFsDaxEventsOfTheTestsOwnFtraceBuffer() throws IOException {
        Path out = tmp.resolve("x");
        Suite s = SuiteWriter.write(
                Cases.named("mmap-read-fault-no-alloc@ext4-pmem-dax=always-4096"), Format.XFSTESTS, out, START);
        assertThat(s.leftOut()).isEmpty();
        String test = Files.readString(out.resolve(s.tests().get(0).path()));
        assertThat(test)
                .contains(
                        "_cleanup()\n{\n\t_ftrace_cleanup\n",
                        ". ./common/filter\n. ./common/tracing\n",
                        "_require_ftrace\n_daxspec_require_fs_dax_events\n",
                        "_ftrace_setup\n_ftrace_record_events 'dax_*'\n",
                        "_daxspec_trace_xfs_io 'daxspec_trace xfs_io -f -c \"truncate 16384\"");
        assertThat(out.resolve(s.tests().get(0).path() + ".out")).content().contains("trace: dax_load_hole NOPAGE ");

        // The helper, with a stand-in for xfs_io that writes the trace the kernel would.
        String common = Files.readString(out.resolve(XfstestsLibrary.PATH));
        Path ftrace = Files.createDirectories(tmp.resolve("instance"));
        Path xfsIo = tmp.resolve("xfs_io");
        Files.writeString(
                xfsIo,
                "#!/bin/sh\necho mapped\nfor p in 1 2; do\n"
                        + "echo \" xfs_io-7 [000] ..... 1.5: dax_load_hole: dev 259:0 ino 0xc shared read address"
                        + " 0x7f000000$p000 pgoff 0x$p NOPAGE\" >> \"$FTRACE_DIR/trace\"\ndone\nexit 1\n");
        Files.setPosixFilePermissions(xfsIo, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(ftrace.resolve("trace"), "left from before\n");
        String script = "_filter_xfs_io() { cat; }\n_filter_scratch() { cat; }\n"
                + "_ftrace_dump() { cat \"$FTRACE_DIR/trace\"; }\nAWK_PROG=awk\n" + common
                + "_daxspec_trace_xfs_io 'daxspec_trace xfs_io f' f\n";
        Processes.Result r = Processes.run(
                List.of("bash", "-c", script),
                "",
                Map.of("XFS_IO_PROG", xfsIo.toString(), "FTRACE_DIR", ftrace.toString()),
                tmp);
        assertThat(r.out())
                .as(r.err())
                .isEqualTo("$ daxspec_trace xfs_io f\nmapped\ntrace: dax_load_hole NOPAGE 2\n" + "exit 1\n");
    }

    /** A run of repeated rows of a dump is one "*" in the .out, and the test's filter prints the same. */
    @Test
    void aDumpOfRepeatedRowsIsOneStar() {
        String zeros = "00 ".repeat(16) + " " + ".".repeat(16);
        String dump = "$ xfs_io -c \"pread -v 0 100\" SCRATCH_MNT/f\n"
                + "00000000:  " + zeros + "\n00000010:  " + zeros + "\n00000020:  " + zeros + "\n"
                + "00000030:  61 " + "00 ".repeat(15) + " a" + ".".repeat(15) + "\n"
                + "00000040:  " + zeros + "\n00000050:  " + zeros + "\n"
                + "00000060:  00 00 00 00  ....\nread 100/100 bytes at offset 0\n";
        assertThat(HexDumpRuns.collapse(dump))
                .isEqualTo("$ xfs_io -c \"pread -v 0 100\" SCRATCH_MNT/f\n"
                        + "00000000:  " + zeros + "\n*\n"
                        + "00000030:  61 " + "00 ".repeat(15) + " a" + ".".repeat(15) + "\n"
                        + "00000040:  " + zeros + "\n*\n"
                        + "00000060:  00 00 00 00  ....\nread 100/100 bytes at offset 0\n");
    }

    @Test
    void fsSpecificOutputGoesToTheFsDirectoryWithTheOthersExcluded() throws IOException {
        Path out = tmp.resolve("x");
        SuiteWriter.write(
                Cases.named(
                        "falloc-then-write@ext4-pmem-dax=always-4096", "falloc-then-write@xfs-pmem-dax=always-4096"),
                Format.XFSTESTS,
                out,
                START);
        String ext4 = Files.readString(out.resolve("tests/ext4/900"));
        assertThat(ext4)
                .contains(
                        "# daxspec's oracle predicts other output on ext2.\n_exclude_fs ext2\n",
                        "# daxspec does not model ext3.\n_exclude_fs ext3\n",
                        "_require_xfs_io_command \"fiemap\" \"-v\"\n");
        assertThat(ext4).doesNotContain("_exclude_fs ext4");
        String xfs = Files.readString(out.resolve("tests/xfs/900"));
        assertThat(xfs).doesNotContain("_exclude_fs");
    }

    @Test
    void theGoldenOutputIsTheOraclesTranscriptFromTheFirstStepOn() throws IOException {
        TestCase tc = Cases.named("enospc-xfs-run").get(0);
        Path out = tmp.resolve("x");
        SuiteWriter.write(List.of(tc), Format.XFSTESTS, out, START);
        String transcript = tc.expected().get(0);
        String fromFirstStep =
                transcript.substring(transcript.indexOf("$ xfs_io"), transcript.indexOf("$ umount SCRATCH_MNT\n"));
        assertThat(out.resolve("tests/xfs/900.out"))
                .hasContent("QA output created by 900\n" + XfstestsSuite.golden(fromFirstStep));
        assertThat(fromFirstStep).contains("stat.ino = ", "fsxattr.xflags = ", "dioattr.mem = ", "stat.size = ");
        assertThat(out.resolve("tests/xfs/900.out"))
                .content()
                .contains("stat.size = ")
                .doesNotContain("stat.ino", "fsxattr.", "dioattr.", "fd.path");
        assertThat(fromFirstStep)
                .doesNotContain("kernel:", "$ mkfs", "$ mount")
                .contains("$ daxspec_fill 8\n", "exit 1\n");
        String test = Files.readString(out.resolve("tests/xfs/900"));
        assertThat(test)
                .contains(
                        "echo '$ daxspec_fill 8'\ndaxspec_fill 8\n",
                        "_scratch_mkfs_sized $((512 * 1024 * 1024)) 4096 >> \"$seqres.full\" 2>&1\n",
                        "_require_scratch_size $((512 * 1024))\n",
                        "_begin_fstest auto quick dax enospc rw\n")
                .endsWith("\n# success, all done\n_exit 0\n");
    }

    /**
     * The configuration cannot silently win: the block size the filesystem got (MKFS_OPTIONS
     * can override the one asked for) and the page size are checked, and a page-cache test
     * is not run with dax in MOUNT_OPTIONS; a DAX test asks for its mount option instead.
     */
    @Test
    void blockSizePageSizeAndDaxInMountOptionsAreCheckedNotAssumed() throws IOException {
        Path out = tmp.resolve("x");
        SuiteWriter.write(
                Cases.named("ext2-indirect-blocks@ext2-brd-defaults-1024", "enospc-xfs-run"),
                Format.XFSTESTS,
                out,
                START);
        String pageCache = Files.readString(out.resolve("tests/ext4/900"));
        assertThat(pageCache)
                .contains(
                        "_exclude_scratch_mount_option dax\n",
                        "_daxspec_require_page_size 4096\n",
                        "_scratch_mkfs_sized $((",
                        " 1024 >> \"$seqres.full\" 2>&1\n_scratch_mount\n" + "_daxspec_require_block_size 1024\n");
        String dax = Files.readString(out.resolve("tests/xfs/900"));
        assertThat(dax)
                .contains("_require_scratch_dax_mountopt \"dax=always\"\n", "_daxspec_require_block_size 4096\n")
                .doesNotContain("_exclude_scratch_mount_option");
        String common = Files.readString(out.resolve("common/daxspec"));
        assertThat(common)
                .contains(
                        "[ \"$(_get_page_size)\" = \"$1\" ] ||",
                        "[ \"$(_get_block_size \"$SCRATCH_MNT\")\" = \"$1\" ] ||");
    }

    /**
     * A header cites its thread publicly (never daxspec's internal "seed" numbers), names
     * its rule, lists no {@code @touches:} tags, has a copyright year, and a generic test's
     * title names no filesystem.
     */
    @Test
    void theHeaderCitesTheThreadAndTheRuleAndAGenericTitleNamesNoFilesystem() throws IOException {
        Path out = tmp.resolve("x");
        SuiteWriter.write(
                Cases.named("pwrite-unaligned@ext4-pmem-dax=always-4096", "pwrite-unaligned@xfs-pmem-dax=always-4096"),
                Format.XFSTESTS,
                out,
                START);
        String test = Files.readString(out.resolve("tests/ext4/900"));
        assertThat(test)
                .contains(
                        "# Copyright (c) 2026 The daxspec authors.  All Rights Reserved.\n",
                        "# B1: a write at a non-page-aligned offset lands at that offset; the rest of the block reads zero\n",
                        "# Rule: B1 (daxspec's docs/DESIGN.md)\n",
                        "# Thread: Nick Piggin, \"Re: [patch] mm: fix XIP file writes\", linux-kernel, 3-4 Dec 2007\n")
                .doesNotContainIgnoringCase("seed")
                .doesNotContain("@touches", "Tags:");
        assertThat(shellScript(Cases.named("pwrite-unaligned@ext4-pmem-dax=always-4096")
                        .get(0)))
                .contains("# Thread: Nick Piggin")
                .doesNotContainIgnoringCase("seed");
        assertThat(XfstestsSuite.withoutFs("On ext4 on pmem, a file of 1 byte maps 1 page(s)", Filesystem.EXT4))
                .isEqualTo("On pmem, a file of 1 byte maps 1 page(s)");
        assertThat(XfstestsSuite.withoutFs("On xfs, a read fault allocates nothing", Filesystem.XFS))
                .isEqualTo("A read fault allocates nothing");
        assertThat(XfstestsSuite.withoutFs("A MAP_SYNC write fault on ext4 needs no sync", Filesystem.EXT4))
                .isEqualTo("A MAP_SYNC write fault needs no sync");
        assertThat(XfstestsSuite.withoutFs("On ext4 mounted with dax, a new file is DAX", Filesystem.EXT4))
                .isEqualTo("Mounted with dax, a new file is DAX");
        assertThat(XfstestsSuite.withoutFs("Overwriting on ext4s", Filesystem.EXT4))
                .isEqualTo("Overwriting on ext4s");
    }

    /**
     * xfstests' common/rc makes XFS_IO_PROG a command with options ("xfs_io -i", "-F"), so a
     * test that quotes it runs a program named "xfs_io -i" and prints nothing xfs_io would.
     */
    @Test
    void xfsIoRunsAsXfsIoProgSaysEvenWithOptions() throws IOException {
        TestCase tc = Cases.named("enospc-xfs-run").get(0);
        Path out = tmp.resolve("x");
        SuiteWriter.write(List.of(tc), Format.XFSTESTS, out, START);
        String common = Files.readString(out.resolve(XfstestsLibrary.PATH));
        Path file = tmp.resolve("f");
        String script = "_filter_xfs_io() { cat; }\n_filter_scratch() { cat; }\n" + common
                + "_daxspec_filter() { cat; }\n"
                + "_daxspec_xfs_io 'pwrite 0 1' -f -c 'pwrite 0 1' '" + file + "'\n";
        Processes.Result r = Processes.run(List.of("bash", "-c", script), "", Map.of("XFS_IO_PROG", "xfs_io -i"), tmp);
        assertThat(r.out())
                .as(r.err())
                .startsWith("$ pwrite 0 1\nwrote 1/1 bytes at offset 0\n")
                .doesNotContain("exit");
    }

    @Test
    void aKnownDeviationIsNamedInTheHeaderAndKeepsTheTestOutOfAutoAndQuick() throws IOException {
        TestCase ok = Cases.named("reopen@ext4-pmem-dax=always-4096").get(0);
        TestCase deviating = ok.withDeviations(List.of(new KnownDeviation(
                ok.id(), "6.1.0-56-amd64", "000", "B6", "because", ok.expected().get(0))));
        SuiteWriter.write(List.of(deviating), Format.XFSTESTS, tmp.resolve("x"), START);
        assertThat(Files.readString(tmp.resolve("x/tests/ext4/900")))
                .contains("# Known to fail on 6.1.0-56-amd64 (reopen@ext4-pmem-dax=always-4096): departs from B6 ("
                        + Threads.cite("000") + "): because\n")
                .contains("_begin_fstest dax")
                .doesNotContain("auto", "quick");
    }

    /**
     * The same program on xfs and on ext4, where a kernel is known to depart on ext4 only: one
     * generic test, known to fail (not auto, not quick), with the deviation for ext4 alone.
     */
    @Test
    void aProgramAKernelDepartsFromOnOneFilesystemIsOneTestKnownToFailThere() throws IOException {
        List<TestCase> both =
                Cases.named("mmap-eof-sigbus@xfs-pmem-dax=always-4096", "mmap-eof-sigbus@ext4-pmem-dax=always-4096");
        TestCase ext4 = both.get(1);
        String kernel =
                ext4.expected().get(0).replace("$ umount SCRATCH_MNT\n", "kernel said so\n$ umount SCRATCH_MNT\n");
        TestCase deviating = ext4.withDeviations(
                List.of(new KnownDeviation(ext4.id(), "6.1.0-56-amd64", "000", "B6", "because", kernel)));
        Suite s = SuiteWriter.write(List.of(both.get(0), deviating), Format.XFSTESTS, tmp.resolve("x"), START);
        assertThat(s.tests()).hasSize(1);
        Suite.Test t = s.tests().get(0);
        assertThat(t.path()).isEqualTo("tests/generic/900");
        assertThat(t.ids()).containsExactlyInAnyOrder(both.get(0).id(), ext4.id());
        assertThat(s.deviations()).extracting(Suite.Deviation::fs).containsExactly("ext4");
        assertThat(Files.readString(tmp.resolve("x/" + t.path())))
                .contains("# Known to fail on 6.1.0-56-amd64 (" + ext4.id() + ")")
                .contains("_begin_fstest dax")
                .doesNotContain("auto", "quick");
    }

    /**
     * A known deviation's output is written as ./check would write the test's .out.bad, outside
     * tests/, and the manifest names it with the filesystem it was seen on and its reason.
     */
    @Test
    void aKnownDeviationsOutputIsWrittenForRunAndListedInTheManifest() throws IOException {
        TestCase ok = Cases.named("reopen@ext4-pmem-dax=always-4096").get(0);
        String kernel =
                ok.expected().get(0).replace("$ umount SCRATCH_MNT\n", "kernel said so\n$ umount SCRATCH_MNT\n");
        TestCase deviating = ok.withDeviations(
                List.of(new KnownDeviation(ok.id(), "6.1.0-56-amd64", "000", "B6", "because", kernel)));
        Suite s = SuiteWriter.write(List.of(deviating), Format.XFSTESTS, tmp.resolve("x"), START);
        assertThat(s.deviations())
                .containsExactly(new Suite.Deviation(
                        "tests/ext4/900",
                        "ext4",
                        "deviations/ext4/900.1.out",
                        deviating.deviations().get(0).reason()));
        String out = Files.readString(tmp.resolve("x/tests/ext4/900.out"));
        assertThat(Files.readString(tmp.resolve("x/deviations/ext4/900.1.out"))).isEqualTo(out + "kernel said so\n");
        assertThat(Suite.read(tmp.resolve("x"))).isEqualTo(s);
    }

    @Test
    void severalOutcomesAreLeftOutWithTheReason() throws IOException {
        TestCase ok = Cases.named("reopen@ext4-pmem-dax=always-4096").get(0);
        TestCase twoOutcomes = new TestCase(
                "two",
                ok.title(),
                ok.about(),
                ok.tags(),
                ok.program(),
                List.of(ok.expected().get(0), ok.expected().get(0)),
                Optional.empty(),
                List.of());
        Suite s = SuiteWriter.write(List.of(ok, twoOutcomes), Format.XFSTESTS, tmp.resolve("x"), START);
        assertThat(s.tests()).extracting(Suite.Test::ids).containsExactly(List.of(ok.id()));
        assertThat(s.leftOut()).extracting(Suite.LeftOut::id).containsExactly("two");
        assertThat(s.leftOut().get(0).reason()).startsWith("more than one outcome is correct");
        // The shell test says so in its header.
        assertThat(shellScript(twoOutcomes))
                .contains("# Shell only, not in the xfstests format: more than one outcome is correct");
    }

    /**
     * A refused mount is the test's rule: it tries the mount, prints "mount refused" and
     * the kernel's messages without the device's name, and runs no step; the block size,
     * with no mount to ask, comes from the device.
     */
    @Test
    void aRefusedMountIsTriedAndItsKernelMessagesChecked() throws IOException {
        TestCase refused =
                Cases.named("mount-dax-refused@ext4-brd-dax=always-4096").get(0);
        assertThat(refused.expected().get(0))
                .contains("kernel: EXT4-fs (ram0): DAX unsupported by block device.\nexit 32\n");
        Suite s = SuiteWriter.write(List.of(refused), Format.XFSTESTS, tmp.resolve("x"), START);
        assertThat(s.leftOut()).isEmpty();
        String path = s.tests().get(0).path();
        assertThat(path).isEqualTo("tests/ext4/900");
        assertThat(Files.readString(tmp.resolve("x/" + path + ".out")))
                .isEqualTo("QA output created by 900\nmount refused\nkernel: DAX unsupported by block device.\n");
        String test = Files.readString(tmp.resolve("x/" + path));
        assertThat(test)
                .contains("_daxspec_require_no_dax_device\n")
                .contains("_daxspec_require_mkfs_block_size 4096\n"
                        + "_daxspec_mount_refused \"-o dax=always\"\n"
                        + "_daxspec_kernel_logged 'DAX unsupported by block device.'\n\n"
                        + "# success, all done\n_exit 0\n")
                .contains("_begin_fstest auto quick dax mount\n")
                .doesNotContain("_scratch_mount \"", "_daxspec_xfs_io '", "each\n# step as");
    }

    /**
     * A private mapping, which xfs_io cannot make, runs src/daxspec-probe: the test requires
     * it as upstream requires its src/ programs, and the suite holds its source once.
     */
    @Test
    void aPrivateMappingRunsTheProbeFromSrc() throws IOException {
        List<TestCase> cases =
                Cases.named("private-write-copies@ext4-pmem-dax=always-4096", "reopen@ext4-pmem-dax=always-4096");
        Suite s = SuiteWriter.write(cases, Format.XFSTESTS, tmp.resolve("x"), START);
        assertThat(s.leftOut()).isEmpty();
        String probing = Files.readString(tmp.resolve("x/"
                + s.tests().stream()
                        .filter(t -> t.ids().contains(cases.get(0).id()))
                        .findFirst()
                        .orElseThrow()
                        .path()));
        assertThat(probing)
                .contains("_require_test_program \"daxspec-probe\"\n")
                .contains("_daxspec_trace_xfs_io 'daxspec_trace daxspec-probe -c \"mmap -p 0 16384\"")
                .contains("\t--probe -c 'mmap -p 0 16384' -c 'mwrite -S 0x62 0 4'");
        String other = Files.readString(tmp.resolve("x/"
                + s.tests().stream()
                        .filter(t -> t.ids().contains(cases.get(1).id()))
                        .findFirst()
                        .orElseThrow()
                        .path()));
        assertThat(other).doesNotContain("daxspec-probe", "--probe");
        assertThat(Files.readString(tmp.resolve("x/" + Suite.PROBE_SOURCE))).contains("MAP_PRIVATE");
        // A suite with no private mapping has no src/.
        SuiteWriter.write(cases.subList(1, 2), Format.XFSTESTS, tmp.resolve("y"), START);
        assertThat(tmp.resolve("y/src")).doesNotExist();
    }

    /** ext4 logs an empty line after "unsupported blocksize for DAX": it is no message. */
    @Test
    void aRefusedMountsMessagesAreItsKernelLinesWithoutTheirPrefix() {
        assertThat(XfstestsSuite.refused("$ mkfs.ext4 -q -F -b 1024 SCRATCH_DEV 524288k\n"
                        + "$ mount -t ext4 -o dax=always SCRATCH_DEV SCRATCH_MNT\n"
                        + "kernel: EXT4-fs (pmem0): unsupported blocksize for DAX\n"
                        + "kernel: \n"
                        + "kernel: EXT4-fs (pmem0): DAX unsupported by block device.\n"
                        + "exit 32\n"))
                .isEqualTo("mount refused\nkernel: unsupported blocksize for DAX\n"
                        + "kernel: DAX unsupported by block device.\n");
        assertThat(XfstestsSuite.refusedMessages(
                        "$ mkfs\n$ mount\nkernel: EXT4-fs: Mount option(s) incompatible with ext2\nexit 32\n"))
                .containsExactly("Mount option(s) incompatible with ext2");
    }

    /**
     * A remount is xfstests' _scratch_cycle_mount: the .out shows the unmount and the mount as
     * the transcript prints them, without the mount's kernel lines.
     */
    @Test
    void aRemountIsScratchCycleMountAndTheOutHoldsItsCommandsOnly() throws IOException {
        TestCase tc =
                Cases.named("remount-keeps-everything@xfs-pmem-dax=always-4096").get(0);
        assertThat(tc.expected().get(0))
                .contains("$ umount SCRATCH_MNT\n$ mount -t xfs -o dax=always SCRATCH_DEV SCRATCH_MNT\nkernel: ");
        Suite s = SuiteWriter.write(List.of(tc), Format.XFSTESTS, tmp.resolve("x"), START);
        String path = s.tests().get(0).path();
        assertThat(Files.readString(tmp.resolve("x").resolve(path)))
                .contains("echo '$ umount SCRATCH_MNT'\necho '$ mount -t xfs -o dax=always SCRATCH_DEV SCRATCH_MNT'\n"
                        + "_scratch_cycle_mount 'dax=always'\n_daxspec_xfs_io 'xfs_io -c \"pread -v 4096 16\"");
        assertThat(Files.readString(tmp.resolve("x").resolve(path + ".out")))
                .contains("$ umount SCRATCH_MNT\n$ mount -t xfs -o dax=always SCRATCH_DEV SCRATCH_MNT\n$ xfs_io -c")
                .doesNotContain("kernel: ");
    }

    @Test
    void aFixedByCommitBecomesFixedByKernelCommit() throws IOException {
        TestCase ok = Cases.named("reopen@ext4-pmem-dax=always-4096").get(0);
        TestCase fixed = withFix(ok, new KernelFix("0123456789ab", "ext4: keep the \"offset\" of a $write", "ext4"));
        SuiteWriter.write(List.of(fixed), Format.XFSTESTS, tmp.resolve("x"), START);
        assertThat(Files.readString(tmp.resolve("x/tests/ext4/900")))
                .contains(
                        "\n_fixed_by_kernel_commit 0123456789ab \\\n\t\"ext4: keep the \\\"offset\\\" of a \\$write\"\n");
        assertThat(shellScript(fixed))
                .contains("# Guards the fix of kernel commit 0123456789ab (\"ext4: keep the \"offset\" of a $write\")");
    }

    @Test
    void aGenericTestNamesAFilesystemsFixOnlyOnThatFilesystem() throws IOException {
        // The same output on ext4 and xfs: one generic test of both cases, the ext4 one guarding
        // an ext4 fix and an mm one.
        List<TestCase> both =
                Cases.named("mmap-eof-sigbus@ext4-pmem-dax=always-4096", "mmap-eof-sigbus@xfs-pmem-dax=always-4096");
        TestCase ext4 = withFix(both.get(0), new KernelFix("0123456789ab", "ext4: fix it", "ext4"));
        TestCase xfs = withFix(both.get(1), new KernelFix("ba9876543210", "mm: fix it for all", ""));
        Suite s = SuiteWriter.write(List.of(ext4, xfs), Format.XFSTESTS, tmp.resolve("g"), START);
        assertThat(s.tests())
                .singleElement()
                .satisfies(t -> assertThat(t.path()).startsWith("tests/generic/"));
        assertThat(Files.readString(tmp.resolve("g").resolve(s.tests().get(0).path())))
                .contains("\n[ \"$FSTYP\" = \"ext4\" ] && _fixed_by_kernel_commit 0123456789ab \\\n\t\"ext4: fix it\"\n"
                        + "_fixed_by_kernel_commit ba9876543210 \\\n\t\"mm: fix it for all\"\n\n");
    }

    private static TestCase withFix(TestCase tc, KernelFix fix) {
        return new TestCase(
                tc.id(),
                tc.title(),
                tc.about(),
                tc.tags(),
                tc.program(),
                tc.expected(),
                Optional.of(fix),
                tc.deviations());
    }

    @Test
    void aCheckoutGivesTheNextFreeNumbersAndMustDocumentTheGroups() throws IOException {
        Path checkout = tmp.resolve("xfstests");
        Files.createDirectories(checkout.resolve("common"));
        Files.writeString(checkout.resolve("common/preamble"), "");
        Files.createDirectories(checkout.resolve("doc"));
        Path generic = Files.createDirectories(checkout.resolve("tests/generic"));
        for (String f : List.of("001", "001.out", "002", "004-named", "005", "Makefile")) {
            Files.writeString(generic.resolve(f), "");
        }
        Files.writeString(checkout.resolve("doc/group-names.txt"), "auto\t\tall\nquick\tfast\ndax\nrw\n");
        List<TestCase> cases = Cases.named(
                "mmap-errors@ext4-pmem-dax=always-4096",
                "mmap-past-eof-fsync@ext4-pmem-dax=always-4096",
                "pread-short-at-eof@ext4-pmem-dax=always-4096");
        SuiteOptions opts = new SuiteOptions(OptionalInt.empty(), Optional.of(checkout));
        assertThatThrownBy(() -> SuiteWriter.write(cases, Format.XFSTESTS, tmp.resolve("x"), opts))
                .hasMessageContaining("group-names.txt does not document the group(s) enospc, fiemap, mmap, mount,"
                        + " prealloc, punch, seek, zero");
        Files.writeString(checkout.resolve("doc/group-names.txt"), String.join("\n", XfstestsSuite.GROUPS) + "\n");
        Suite s = SuiteWriter.write(cases, Format.XFSTESTS, tmp.resolve("x"), opts);
        assertThat(s.tests())
                .extracting(Suite.Test::path)
                .containsExactly("tests/generic/003", "tests/generic/006", "tests/generic/007");
        Suite from = SuiteWriter.write(
                cases, Format.XFSTESTS, tmp.resolve("y"), new SuiteOptions(OptionalInt.of(2), Optional.of(checkout)));
        assertThat(from.tests())
                .extracting(Suite.Test::path)
                .containsExactly("tests/generic/003", "tests/generic/006", "tests/generic/007");
        assertThatThrownBy(() -> SuiteWriter.write(
                        cases,
                        Format.XFSTESTS,
                        tmp.resolve("z"),
                        new SuiteOptions(OptionalInt.empty(), Optional.of(tmp))))
                .hasMessageContaining("is not an xfstests checkout");
    }

    /** The groups exist in a real xfstests checkout's documentation, when one is at hand. */
    @Test
    void theGroupsAreDocumentedInXfstests() throws IOException {
        Path mirror = Path.of(System.getProperty("daxspec.xfstests.git", "/work/.mirror/kdave+xfstests/repo"));
        assumeTrue(Files.isDirectory(mirror), "no xfstests git repository at " + mirror);
        Processes.Result doc =
                Processes.run(List.of("git", "--git-dir", mirror.toString(), "show", "HEAD:doc/group-names.txt"), tmp);
        assertThat(doc.status()).isZero();
        Path checkout = tmp.resolve("checkout");
        Files.createDirectories(checkout.resolve("doc"));
        Files.createDirectories(checkout.resolve("common"));
        Files.createDirectories(checkout.resolve("tests"));
        Files.writeString(checkout.resolve("common/preamble"), "");
        Files.writeString(checkout.resolve("doc/group-names.txt"), doc.out());
        SuiteWriter.write(
                Cases.all(),
                Format.XFSTESTS,
                tmp.resolve("x"),
                new SuiteOptions(OptionalInt.empty(), Optional.of(checkout)));
    }

    /** The shell test of {@code tc} in a suite of it alone. */
    private static String shellScript(TestCase tc) {
        return ShellSuite.script(tc, CorrectTranscripts.of(List.of(tc)));
    }
}

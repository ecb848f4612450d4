package dev.daxspec.emit;

import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fdatasync;
import dev.daxspec.oracle.ops.Fiemap;
import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Fsync;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Mmap;
import dev.daxspec.oracle.ops.Mread;
import dev.daxspec.oracle.ops.Msync;
import dev.daxspec.oracle.ops.Munmap;
import dev.daxspec.oracle.ops.Mwrite;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.ops.Stat;
import dev.daxspec.oracle.ops.Statx;
import dev.daxspec.oracle.ops.Sync;
import dev.daxspec.oracle.ops.Truncate;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.DaxOption;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The xfstests format: {@code tests/DIR/NNN} and {@code NNN.out} as current xfstests
 * writes them (its {@code new} script's template: {@code _begin_fstest} with groups,
 * {@code _require_*}, {@code _exclude_fs}, {@code _fixed_by_kernel_commit},
 * {@code _exit 0}), to be copied into a checkout.
 *
 * <p>How a test prints, and so what its {@code .out} holds after {@code QA output created
 * by NNN}: each step as {@code $ COMMAND} (the step's text, the scratch mount spelled
 * SCRATCH_MNT), the step's output through {@code _filter_xfs_io}, {@code _filter_scratch}
 * and {@code _daxspec_filter} (the rest of daxspec's transcript filter), then {@code exit N}
 * when the step fails. That is the part of the oracle's transcript from the first step on
 * ({@link Transcripts#stepsPart}), as {@link #golden} keeps it: the filesystem is made and
 * mounted by xfstests' helpers, silently, and the mount's kernel log is not compared. A
 * test whose rule is a refused mount prints {@code mount refused} and the kernel's messages
 * about it instead ({@link #refused}). The helpers are in {@code common/daxspec} ({@link
 * XfstestsLibrary}), written once; a step with a private mapping runs {@code
 * src/daxspec-probe}, whose source the suite holds once ({@link Suite#PROBE_SOURCE}).
 *
 * <p>Where a test goes: the oracle predicts the program on each filesystem it models
 * (ext2 as Debian's ext4 driver mounts it, ext4, xfs). When xfs and an ext filesystem
 * give the same output, and that output does not show how the filesystem allocates (a
 * fiemap table, {@code stat.blocks}), the test is {@code generic}, with {@code _exclude_fs} for the
 * modelled filesystems that differ; otherwise it goes to {@code xfs} or {@code ext4} (which
 * xfstests also runs for ext2 and ext3), with {@code _exclude_fs} for those of ext2, ext3
 * and ext4 that differ or are not modelled (ext3). Test cases that give the same test
 * (the same scenario on ext4 and xfs, say) become one test, known to fail where a kernel is
 * known to depart from any of them. Stateless.
 */
final class XfstestsSuite {

    /** The groups this format may give, all in xfstests' doc/group-names.txt. */
    static final SortedSet<String> GROUPS = new TreeSet<>(List.of(
            "auto", "quick", "dax", "enospc", "fiemap", "mmap", "mount", "prealloc", "punch", "rw", "seek", "zero"));

    /**
     * The commands whose flags {@code _require_xfs_io_command} can check. For the others it
     * greps {@code xfs_io -c "help CMD"} for {@code ^ FLAG --}, which seek's help (a tab
     * before {@code --}) and fzero's (no option lines) never match: it would skip the test on
     * every xfs_io.
     */
    private static final Set<String> FLAGS_CHECKABLE = Set.of("falloc", "fiemap", "statx");

    /** The year in the tests' copyright line: fixed, so that generating twice gives the same tree. */
    static final int COPYRIGHT_YEAR = 2026;

    private static final List<Filesystem> MODELLED = List.of(Filesystem.EXT2, Filesystem.EXT4, Filesystem.XFS);

    private XfstestsSuite() {}

    /** Why {@code tc} has no xfstests form, or empty when it has one. */
    static Optional<String> unsupported(TestCase tc) {
        if (tc.expected().size() != 1) {
            return Optional.of("more than one outcome is correct (after a crash), and an xfstests .out holds one");
        }
        try {
            for (Step s : tc.program().steps()) {
                StepVisitor.visit(s, STEP_CHECK);
            }
        } catch (UnsupportedStepException e) {
            return Optional.of(e.getMessage());
        }
        Optional<String> steps =
                Transcripts.stepsPart(tc.program(), tc.expected().get(0));
        if (steps.isPresent() && REFUSED_REMOUNT.matcher(steps.get()).find()) {
            return Optional.of("the expected outcome is a refused remount; xfstests' _scratch_cycle_mount fails"
                    + " the test instead");
        }
        return Optional.empty();
    }

    /**
     * A remount in a transcript: the unmount, the mount, the mount's kernel lines. An
     * {@code .out} holds the two commands, not the kernel's lines ({@link #golden}).
     */
    private static final Pattern REMOUNT = Pattern.compile(
            "(?m)^(\\$ " + Pattern.quote(ScratchCommands.umount()) + "\n\\$ mount .*\n)(kernel: .*\n)*");

    /** A remount the kernel refuses: the mount's exit status after its kernel lines. */
    private static final Pattern REFUSED_REMOUNT = Pattern.compile(REMOUNT.pattern() + "exit ");

    private static final StepVisitor<Void> STEP_CHECK = new StepVisitor<>() {
        @Override
        public Void xfsIo(XfsIoStep step) {
            return null;
        }

        @Override
        public Void fill(FillStep step) {
            return null;
        }

        @Override
        public Void remount(RemountStep step) {
            return null;
        }

        @Override
        public Void crash(CrashStep step) {
            throw new UnsupportedStepException(
                    step,
                    "a crash is a power loss (daxspec conform reboots the VM with sysrq b; pmem from memmap= keeps its contents);"
                            + " xfstests' _scratch_shutdown keeps the machine and its caches running, and that it loses what a power loss"
                            + " loses through DAX and MAP_SYNC is not checked against a kernel");
        }
    };

    /**
     * The checkout of {@code options}, checked: quick, so a command can call it before any
     * slow work.
     *
     * @throws IOException when the checkout cannot be read or is not an xfstests checkout
     * @throws IllegalArgumentException when neither a start nor a checkout is given, or the
     *     checkout lacks one of the groups
     */
    static Optional<XfstestsCheckout> checkout(SuiteOptions options) throws IOException {
        if (options.start().isEmpty() && options.xfstestsDir().isEmpty()) {
            throw new IllegalArgumentException(
                    "the xfstests format needs --start N or --xfstests-dir DIR to number" + " its tests");
        }
        Optional<XfstestsCheckout> checkout = options.xfstestsDir().isPresent()
                ? Optional.of(XfstestsCheckout.open(options.xfstestsDir().get()))
                : Optional.empty();
        if (checkout.isPresent()) {
            checkout.get().checkGroups(GROUPS);
        }
        return checkout;
    }

    /**
     * A test before it has a number: {@code rest} is its text after its imports and its
     * {@code _fixed_by_kernel_commit} lines, which come from all its cases ({@link #imports},
     * {@link #fixedBy}).
     */
    private record Planned(String dir, List<TestCase> cases, Requirements req, String rest, String golden) {}

    /**
     * The tree of the tests {@code cases} (ids unique, sorted) can give.
     *
     * @throws IOException when the checkout of {@code options} cannot be read
     * @throws IllegalArgumentException when neither a start nor a checkout is given, or the
     *     checkout lacks one of the groups
     */
    static Rendered render(List<TestCase> cases, SuiteOptions options) throws IOException {
        Optional<XfstestsCheckout> checkout = checkout(options);
        Map<String, Planned> byContent = new LinkedHashMap<>();
        List<Suite.LeftOut> leftOut = new ArrayList<>();
        CorrectTranscripts transcripts = CorrectTranscripts.of(cases);
        for (TestCase tc : cases) {
            Optional<String> why = unsupported(tc);
            if (why.isPresent()) {
                leftOut.add(new Suite.LeftOut(tc.id(), why.get()));
                continue;
            }
            Planned p = plan(tc, transcripts);
            // The same program on another filesystem, or the same one where a kernel is known
            // to depart from it: one test, known to fail where any of its cases is.
            String key = p.dir() + "\n" + p.rest() + "\n" + p.golden();
            Planned same = byContent.get(key);
            if (same == null) {
                byContent.put(key, p);
            } else {
                List<TestCase> merged = new ArrayList<>(same.cases());
                merged.add(tc);
                byContent.put(key, new Planned(same.dir(), merged, same.req(), same.rest(), same.golden()));
            }
        }
        SortedMap<String, AtomicTree.Entry> files = new TreeMap<>();
        List<Suite.Test> tests = new ArrayList<>();
        List<Suite.Deviation> deviations = new ArrayList<>();
        Map<String, Integer> next = new TreeMap<>();
        for (Planned p : byContent.values()) {
            int from = next.getOrDefault(p.dir(), options.start().orElse(1));
            int n = checkout.isPresent() ? checkout.get().nextFree(p.dir(), from) : from;
            if (n > 9999) {
                throw new IllegalArgumentException("no free test number below 10000 in tests/" + p.dir());
            }
            next.put(p.dir(), n + 1);
            String name = String.format(Locale.ROOT, "%03d", n);
            String path = "tests/" + p.dir() + "/" + name;
            files.put(path, ShellSuite.executable(header(name, p) + imports(p) + fixedBy(p) + p.rest()));
            files.put(path + ".out", ShellSuite.text("QA output created by " + name + "\n" + p.golden()));
            deviations.addAll(deviations(p, path, name, files));
            tests.add(new Suite.Test(
                    path,
                    p.cases().get(0).program().target().device().kind(),
                    p.cases().stream().map(TestCase::id).toList()));
        }
        if (!tests.isEmpty()) {
            files.put(XfstestsLibrary.PATH, ShellSuite.text(XfstestsLibrary.text()));
        }
        if (byContent.values().stream().anyMatch(p -> probes(p.cases().get(0).program()))) {
            files.put(Suite.PROBE_SOURCE, ShellSuite.text(Resources.text("/dev/daxspec/run/vm/probe.c")));
        }
        Suite suite = new Suite(Format.XFSTESTS, tests, leftOut, deviations);
        files.put(Suite.MANIFEST, ShellSuite.text(suite.manifest()));
        return new Rendered(files, suite);
    }

    /**
     * The known deviations of {@code p}'s cases, each one's output put in {@code files} as
     * {@code ./check} would write the test's {@code .out.bad} ({@code deviations/DIR/NAME.K.out},
     * outside {@code tests/}, which is for xfstests): {@code daxspec run} reports a test that
     * prints one of them, in a section of its filesystem, as a known deviation. An
     * {@code .out} holds one outcome, so the test itself fails there, as its header says.
     */
    private static List<Suite.Deviation> deviations(
            Planned p, String path, String name, SortedMap<String, AtomicTree.Entry> files) {
        List<Suite.Deviation> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TestCase c : p.cases()) {
            String fs = c.program().target().fs().fsName();
            for (KnownDeviation d : c.deviations()) {
                String output = "QA output created by " + name + "\n" + golden(c.program(), d.transcript());
                if (seen.add(fs + "\n" + output)) {
                    String file = "deviations/" + p.dir() + "/" + name + "." + (out.size() + 1) + ".out";
                    files.put(file, ShellSuite.text(output));
                    out.add(new Suite.Deviation(path, fs, file, d.reason()));
                }
            }
        }
        return out;
    }

    private static Planned plan(TestCase tc, CorrectTranscripts transcripts) {
        Program program = tc.program();
        Target t = program.target();
        String golden = golden(program, tc.expected().get(0));
        Set<Filesystem> same = EnumSet.noneOf(Filesystem.class);
        for (Filesystem fs : MODELLED) {
            if (fs == t.fs() || golden.equals(goldenOn(program, fs, transcripts).orElse(null))) {
                same.add(fs);
            }
        }
        String dir;
        List<String> excluded = new ArrayList<>();
        boolean extToo = same.contains(Filesystem.EXT4) || same.contains(Filesystem.EXT2);
        if (same.contains(Filesystem.XFS) && extToo && !showsAllocation(program, golden)) {
            dir = "generic";
            MODELLED.stream().filter(fs -> !same.contains(fs)).forEach(fs -> excluded.add(fs.fsName()));
        } else if (t.fs() == Filesystem.XFS) {
            dir = "xfs";
        } else {
            dir = "ext4";
            for (String fs : List.of("ext2", "ext3", "ext4")) {
                if (same.stream().noneMatch(f -> f.fsName().equals(fs))) {
                    excluded.add(fs);
                }
            }
        }
        Requirements req = Requirements.of(tc, transcript -> golden(program, transcript), transcripts);
        return new Planned(dir, List.of(tc), req, checksAndSteps(tc, excluded, req), golden);
    }

    /**
     * The {@code _fixed_by_kernel_commit} lines of the fixes {@code p}'s cases guard, each
     * once, as upstream writes them: a fix of one filesystem's code in a generic test only
     * when {@code $FSTYP} is that filesystem ({@code [ "$FSTYP" = "ext4" ] && ...}).
     */
    private static String fixedBy(Planned p) {
        StringBuilder sb = new StringBuilder();
        p.cases().stream().flatMap(c -> c.fixedByCommit().stream()).distinct().forEach(f -> {
            if (!f.filesystem().isEmpty() && !f.filesystem().equals(p.dir())) {
                sb.append("[ \"$FSTYP\" = \"").append(f.filesystem()).append("\" ] && ");
            }
            sb.append("_fixed_by_kernel_commit ")
                    .append(f.commit())
                    .append(" \\\n\t")
                    .append(ShellQuote.doubled(f.subject()))
                    .append('\n');
        });
        return sb.isEmpty() ? "" : sb.append('\n').toString();
    }

    /**
     * What an {@code .out} holds of {@code program}'s transcript: of a filesystem that
     * mounted, the steps' part ({@link #golden(String)}); of a refused mount, {@code mount
     * refused} and the messages of the mount's kernel lines ({@link #refused}).
     */
    static String golden(Program program, String transcript) {
        return Transcripts.stepsPart(program, transcript)
                .map(XfstestsSuite::golden)
                .orElseGet(() -> refused(transcript));
    }

    /**
     * What {@code common/daxspec} prints of a refused mount ({@code _daxspec_mount_refused},
     * {@code _daxspec_kernel_logged}): {@code mount refused}, then each of the mount's kernel
     * lines as its message alone, without the prefix that names the device ({@code EXT4-fs
     * (pmem0): }), which xfstests' configuration chooses. The empty line ext4 logs after
     * "unsupported blocksize for DAX" (its message ends in a newline) is no message.
     */
    static String refused(String transcript) {
        StringBuilder sb = new StringBuilder("mount refused\n");
        refusedMessages(transcript).forEach(m -> sb.append("kernel: ").append(m).append('\n'));
        return sb.toString();
    }

    /** The messages of the mount's kernel lines in the transcript of a refused mount. */
    static List<String> refusedMessages(String transcript) {
        return transcript
                .lines()
                .skip(2)
                .takeWhile(l -> l.startsWith("kernel:"))
                .map(l -> KERNEL_PREFIX
                        .matcher(l.substring("kernel:".length()).strip())
                        .replaceFirst(""))
                .filter(m -> !m.isBlank())
                .toList();
    }

    /** A kernel message's prefix: the subsystem, and the device in parentheses when it names one. */
    private static final Pattern KERNEL_PREFIX = Pattern.compile("^[A-Za-z0-9_-]+(?: \\([^)]*\\))?: ");

    /**
     * What an {@code .out} holds of the steps' part of a transcript: a remount's two
     * commands without the mount's kernel lines, the observed stat fields
     * ({@link ObservedStat}), and a run of repeated dump rows as one {@code *}
     * ({@link HexDumpRuns}), as {@code _daxspec_filter} prints it.
     */
    static String golden(String stepsPart) {
        return HexDumpRuns.collapse(ObservedStat.keep(withoutRemountKernelLines(stepsPart)));
    }

    /**
     * A transcript as an xfstests test prints it: a remount ({@code _scratch_cycle_mount})
     * echoes its two commands, and the mount's kernel lines go to the kernel log, not the
     * output.
     */
    static String withoutRemountKernelLines(String transcript) {
        return REMOUNT.matcher(transcript).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    /**
     * Whether {@code golden} shows how the filesystem allocates (a fiemap table, or
     * {@code stat.blocks}): that is the filesystem's policy, not Linux semantics, so such a
     * test is not generic even when ext4 and xfs agree (btrfs, f2fs or NFS would fail it
     * rather than not run it).
     */
    private static boolean showsAllocation(Program program, String golden) {
        return golden.lines().anyMatch(l -> l.startsWith("stat.blocks = "))
                || program.steps().stream()
                        .anyMatch(s -> s instanceof XfsIoStep x
                                && x.invocation().ops().stream().anyMatch(Fiemap.class::isInstance));
    }

    /**
     * The steps' part of the oracle's transcript of {@code program} on {@code fs}, as the
     * {@code .out} holds it, when there is one.
     */
    private static Optional<String> goldenOn(Program program, Filesystem fs, CorrectTranscripts transcripts) {
        Program there;
        try {
            there = new Program(program.target().toBuilder().fs(fs).build(), program.steps());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return transcripts
                .of(there)
                .filter(outcomes -> outcomes.size() == 1)
                .map(outcomes -> golden(there, outcomes.get(0)));
    }

    private static String header(String name, Planned p) {
        TestCase tc = p.cases().get(0);
        StringBuilder sb = new StringBuilder("#! /bin/bash\n");
        sb.append("# SPDX-License-Identifier: GPL-2.0\n");
        sb.append("# Copyright (c) ").append(COPYRIGHT_YEAR).append(" The daxspec authors.  All Rights Reserved.\n#\n");
        sb.append("# FS QA Test No. ").append(name).append("\n#\n");
        ShellSuite.comment(
                sb,
                p.dir().equals("generic")
                        ? withoutFs(tc.title(), tc.program().target().fs())
                        : tc.title());
        if (!tc.about().isEmpty()) {
            sb.append("#\n");
            tc.about().forEach(a -> ShellSuite.comment(sb, a));
        }
        sb.append("#\n");
        ShellSuite.comment(
                sb,
                "Generated by daxspec from "
                        + String.join(", ", p.cases().stream().map(TestCase::id).toList()) + ".");
        ShellSuite.comment(sb, "Target: " + tc.program().target());
        if (refusesMount(tc)) {
            ShellSuite.comment(sb, "The expected output is what daxspec's oracle predicts for a correct kernel: the");
            ShellSuite.comment(sb, "mount refused, and the messages the kernel logs about it (common/daxspec's");
            ShellSuite.comment(
                    sb, "_daxspec_mount_refused and _daxspec_kernel_logged). The filesystem is made silently.");
        } else {
            ShellSuite.comment(sb, "The expected output is what daxspec's oracle predicts for a correct kernel: each");
            ShellSuite.comment(
                    sb, "step as \"$ COMMAND\" (the scratch mount spelled SCRATCH_MNT), its filtered output,");
            ShellSuite.comment(
                    sb, "and \"exit N\" when it fails (common/daxspec's _daxspec_xfs_io). The filesystem is");
            ShellSuite.comment(sb, "made and mounted silently.");
        }
        Threads.headerLines(tc.tags()).forEach(l -> ShellSuite.comment(sb, l));
        // An .out holds one outcome, so a kernel that departs from the rule fails the test;
        // the header says which kernels are known to, and why.
        for (TestCase c : p.cases()) {
            for (KnownDeviation d : c.deviations()) {
                ShellSuite.comment(sb, "Known to fail on " + d.kernel() + " (" + c.id() + "): " + d.reason());
            }
        }
        sb.append("#\n");
        sb.append("# shellcheck disable=SC1091,SC2154 # ./common/* and $seqres come from the xfstests checkout\n");
        return sb.toString();
    }

    /**
     * {@code title} without the filesystem a scenario outline put in it ("On ext4 on pmem,
     * X" as "On pmem, X"; "On ext4 mounted with dax, X" as "Mounted with dax, X"; "X on
     * ext4" as "X"): a generic test is for every filesystem.
     */
    static String withoutFs(String title, Filesystem fs) {
        String name = Pattern.quote(fs.fsName());
        String t = title.replaceAll("(?i)\\b(on) " + name + " on ", "$1 ")
                .replaceAll("^On " + name + ",? ", "")
                .replaceAll(" on " + name + "\\b", "");
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    /**
     * The test from {@code . ./common/preamble} to its imports: {@code _begin_fstest} with the
     * groups, the cleanup of a traced test, the common files it sources.
     */
    private static String imports(Planned p) {
        Program program = p.cases().get(0).program();
        StringBuilder sb = new StringBuilder();
        sb.append(". ./common/preamble\n");
        sb.append("_begin_fstest ").append(String.join(" ", groups(p))).append("\n\n");
        boolean traced = traced(program);
        if (traced) {
            sb.append("""
                    # Override the default cleanup function.
                    _cleanup()
                    {
                    	_ftrace_cleanup
                    	cd /
                    	rm -r -f "$tmp".*
                    }

                    """);
        }
        sb.append("# Import common functions.\n");
        sb.append(". ./common/filter\n");
        if (traced) {
            sb.append(". ./common/tracing\n");
        }
        sb.append(". ./").append(XfstestsLibrary.PATH).append("\n\n");
        return sb.toString();
    }

    /**
     * The checks after the imports, the making and mounting, and the steps: the rest of the
     * test after {@link #imports} and its {@code _fixed_by_kernel_commit} lines.
     */
    private static String checksAndSteps(TestCase tc, List<String> excluded, Requirements req) {
        Program program = tc.program();
        Target t = program.target();
        StringBuilder sb = new StringBuilder();
        boolean traced = traced(program);
        for (String fs : excluded) {
            sb.append(
                    fs.equals("ext3")
                            ? "# daxspec does not model ext3.\n"
                            : "# daxspec's oracle predicts other output on " + fs + ".\n");
            sb.append("_exclude_fs ").append(fs).append('\n');
        }
        long kib = t.device().size() >> 10;
        sb.append("_require_scratch_size $((").append(kib >> 10).append(" * 1024))\n");
        switch (req.device()) {
            case DAX ->
                sb.append("_require_scratch_dax_mountopt \"")
                        .append(t.mount().dax() == DaxOption.LEGACY ? "dax" : "dax=always")
                        .append("\"\n");
            case NO_DAX -> sb.append("_daxspec_require_no_dax_device\n");
            case ANY -> {}
        }
        if (!t.mount().dax().always()) {
            sb.append("# The expected output is for the page cache: dax in MOUNT_OPTIONS would change it.\n");
            sb.append("_exclude_scratch_mount_option dax\n");
        }
        for (Requirements.XfsIoCommand c : req.xfsIo()) {
            if (c.flag().isEmpty()) {
                sb.append("_require_xfs_io_command \"").append(c.command()).append("\"\n");
            } else if (FLAGS_CHECKABLE.contains(c.command())) {
                sb.append("_require_xfs_io_command \"")
                        .append(c.command())
                        .append("\" \"")
                        .append(c.flag())
                        .append("\"\n");
            }
        }
        if (seeks(program)) {
            // A filesystem without SEEK_DATA and SEEK_HOLE reports the whole file as data;
            // the check runs on the test device, as every upstream seek test does.
            sb.append("_require_test\n_require_seek_data_hole\n");
        }
        if (traced) {
            sb.append("_require_ftrace\n_daxspec_require_fs_dax_events\n");
        }
        if (probes(program)) {
            sb.append("_require_test_program \"").append(ShellSuite.PROBE).append("\"\n");
        }
        sb.append("_daxspec_require_page_size ").append(req.pageSize()).append("\n\n");
        sb.append("_scratch_mkfs_sized $((")
                .append(kib >> 10)
                .append(" * 1024 * 1024)) ")
                .append(t.blockSize())
                .append(" >> \"$seqres.full\" 2>&1\n");
        String opts = t.mount().spelled();
        String mountOptions = opts.isEmpty() ? "" : " \"-o " + opts + "\"";
        if (refusesMount(tc)) {
            // The rule is the refusal: with no mount to ask, the block size is read from the
            // device, and the steps after the mount never run.
            sb.append("_daxspec_require_mkfs_block_size ").append(t.blockSize()).append('\n');
            sb.append("_daxspec_mount_refused ")
                    .append(opts.isEmpty() ? "\"\"" : mountOptions.strip())
                    .append('\n');
            for (String m : refusedMessages(tc.expected().get(0))) {
                sb.append("_daxspec_kernel_logged ")
                        .append(ShellQuote.single(m))
                        .append('\n');
            }
            sb.append("\n# success, all done\n_exit 0\n");
            return sb.toString();
        }
        sb.append("_scratch_mount").append(mountOptions).append("\n");
        sb.append("_daxspec_require_block_size ").append(t.blockSize()).append("\n\n");
        if (traced) {
            sb.append("_ftrace_setup\n_ftrace_record_events 'dax_*'\n\n");
        }
        StepVisitor<String> steps = new StepVisitor<>() {
            @Override
            public String xfsIo(XfsIoStep step) {
                return (step.traced() ? "_daxspec_trace_xfs_io " : "_daxspec_xfs_io ")
                        + ShellQuote.single(step.toString()) + " \\\n\t"
                        + (step.invocation().probe() ? "--probe " : "")
                        + ProgramScript.xfsIoArguments(step.invocation()) + "\n";
            }

            @Override
            public String fill(FillStep step) {
                return "echo " + ShellQuote.single("$ " + step) + "\ndaxspec_fill " + step.freeBlocks() + "\n";
            }

            @Override
            public String remount(RemountStep step) {
                // The two commands as the transcript prints them; xfstests unmounts and mounts
                // with its own options added, and the mount's kernel lines are not compared.
                return "echo " + ShellQuote.single("$ " + step) + "\necho "
                        + ShellQuote.single("$ " + ScratchCommands.mount(t)) + "\n_scratch_cycle_mount"
                        + (opts.isEmpty() ? "" : " " + ShellQuote.single(opts)) + "\n";
            }

            @Override
            public String crash(CrashStep step) {
                throw new UnsupportedStepException(step, "unsupported() refuses it");
            }
        };
        for (Step s : program.steps()) {
            sb.append(StepVisitor.visit(s, steps));
        }
        sb.append("\n# success, all done\n_exit 0\n");
        return sb.toString();
    }

    /**
     * {@code auto quick} (unless a kernel is known to fail the test), then the groups of
     * what the test does, in name order.
     */
    private static List<String> groups(Planned p) {
        SortedSet<String> g = new TreeSet<>();
        TestCase tc = p.cases().get(0);
        Target t = tc.program().target();
        if (p.req().device() == Requirements.DeviceNeed.DAX || t.mount().dax().always()) {
            g.add("dax");
        }
        // A refused mount runs no step: the test is of the mount.
        boolean refused = refusesMount(tc);
        if (refused) {
            g.add("mount");
        }
        for (Step s : refused ? List.<Step>of() : tc.program().steps()) {
            StepVisitor.visit(s, new StepVisitor<Void>() {
                @Override
                public Void xfsIo(XfsIoStep step) {
                    step.invocation().ops().forEach(op -> op.accept(OP_GROUPS).ifPresent(g::add));
                    return null;
                }

                @Override
                public Void fill(FillStep step) {
                    g.add("enospc");
                    return null;
                }

                @Override
                public Void remount(RemountStep step) {
                    return null;
                }

                @Override
                public Void crash(CrashStep step) {
                    return null;
                }
            });
        }
        // A test known to fail on a kernel still in use is not for "auto" or "quick" runs,
        // which are to pass on a good kernel; its header names the kernel and the reason.
        boolean knownToFail = p.cases().stream().anyMatch(c -> !c.deviations().isEmpty());
        List<String> out = new ArrayList<>(knownToFail ? List.of() : List.of("auto", "quick"));
        out.addAll(g);
        return out;
    }

    /** Whether the outcome {@code tc} expects is a refused mount. */
    private static boolean refusesMount(TestCase tc) {
        return Transcripts.stepsPart(tc.program(), tc.expected().get(0)).isEmpty();
    }

    /** Whether a step of {@code program} maps privately, which xfs_io cannot: {@link ShellSuite#PROBE} runs it. */
    static boolean probes(Program program) {
        return program.steps().stream()
                .anyMatch(s -> s instanceof XfsIoStep x && x.invocation().probe());
    }

    private static boolean traced(Program program) {
        return program.steps().stream().anyMatch(s -> s instanceof XfsIoStep x && x.traced());
    }

    private static boolean seeks(Program program) {
        return program.steps().stream()
                .anyMatch(s -> s instanceof XfsIoStep x
                        && x.invocation().ops().stream().anyMatch(Seek.class::isInstance));
    }

    private static final Op.Visitor<Optional<String>> OP_GROUPS = new Op.Visitor<>() {
        @Override
        public Optional<String> pwrite(Pwrite op) {
            return Optional.of("rw");
        }

        @Override
        public Optional<String> pread(Pread op) {
            return Optional.of("rw");
        }

        @Override
        public Optional<String> truncate(Truncate op) {
            return Optional.empty();
        }

        @Override
        public Optional<String> falloc(Falloc op) {
            return Optional.of("prealloc");
        }

        @Override
        public Optional<String> fpunch(Fpunch op) {
            return Optional.of("punch");
        }

        @Override
        public Optional<String> fzero(Fzero op) {
            return Optional.of("zero");
        }

        @Override
        public Optional<String> fsync(Fsync op) {
            return Optional.empty();
        }

        @Override
        public Optional<String> fdatasync(Fdatasync op) {
            return Optional.empty();
        }

        @Override
        public Optional<String> seek(Seek op) {
            return Optional.of("seek");
        }

        @Override
        public Optional<String> stat(Stat op) {
            return Optional.empty();
        }

        @Override
        public Optional<String> statx(Statx op) {
            return Optional.empty();
        }

        @Override
        public Optional<String> fiemap(Fiemap op) {
            return Optional.of("fiemap");
        }

        @Override
        public Optional<String> sync(Sync op) {
            return Optional.empty();
        }

        @Override
        public Optional<String> mmap(Mmap op) {
            return Optional.of("mmap");
        }

        @Override
        public Optional<String> mread(Mread op) {
            return Optional.of("mmap");
        }

        @Override
        public Optional<String> mwrite(Mwrite op) {
            return Optional.of("mmap");
        }

        @Override
        public Optional<String> msync(Msync op) {
            return Optional.of("mmap");
        }

        @Override
        public Optional<String> munmap(Munmap op) {
            return Optional.of("mmap");
        }
    };
}

package dev.daxspec.emit;

import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shell format: standalone bash tests with their expected output, a runner and a
 * README (see {@code shell/README} beside this class for the layout, the exit statuses and
 * the safety rules). Stateless.
 */
final class ShellSuite {

    /**
     * The program for private mappings, which a suite ships as source: xfs_io maps MAP_SHARED
     * only (its mmap has no MAP_PRIVATE flag, xfsprogs 6.1 to 6.15). The shell format builds
     * it with run.sh; in the xfstests format it goes in xfstests' {@code src/}, built as one of
     * {@code TARGETS} in {@code src/Makefile}.
     */
    static final String PROBE = "daxspec-probe";

    private ShellSuite() {}

    /** The suite of {@code cases} (ids unique, in the order given). */
    static Rendered render(List<TestCase> cases) {
        SortedMap<String, AtomicTree.Entry> files = new TreeMap<>();
        List<Suite.Test> tests = new ArrayList<>();
        List<Suite.LeftOut> leftOut = new ArrayList<>();
        CorrectTranscripts transcripts = CorrectTranscripts.of(cases);
        for (TestCase tc : cases) {
            if (tc.program().steps().stream().anyMatch(CrashStep.class::isInstance)) {
                leftOut.add(new Suite.LeftOut(
                        tc.id(),
                        "a crash needs a harness that reboots the machine between"
                                + " the program's phases (daxspec conform has one)"));
                continue;
            }
            String base = "tests/" + tc.id();
            files.put(base + ".sh", executable(script(tc, transcripts)));
            for (int i = 0; i < tc.expected().size(); i++) {
                files.put(
                        base + ".out" + (i == 0 ? "" : "." + i),
                        text(tc.expected().get(i)));
            }
            for (int i = 0; i < tc.deviations().size(); i++) {
                files.put(
                        base + ".deviation." + (i + 1),
                        text(tc.deviations().get(i).transcript()));
            }
            tests.add(
                    new Suite.Test(base + ".sh", tc.program().target().device().kind(), List.of(tc.id())));
        }
        files.put("common/daxspec.sh", text(Resources.text("shell/daxspec.sh")));
        files.put("common/filter.sh", text(ShellFilter.shellLibrary()));
        // Shipped as source, built by run.sh (or make -C src) where the suite runs, when a
        // test to run needs it. Every suite has it, so that a subset of a suite is the suite
        // of its tests (SuiteSubset).
        files.put(Suite.PROBE_SOURCE, text(Resources.text("/dev/daxspec/run/vm/probe.c")));
        files.put("src/Makefile", text(PROBE + ": " + PROBE + ".c\n\t$(CC) -O2 -Wall -o $@ $<\n"));
        files.put("run.sh", executable(Resources.text("shell/run.sh")));
        files.put("README", text(Resources.text("shell/README")));
        // So that a plain 'shellcheck tests/ID.sh' follows the files the tests source.
        files.put(".shellcheckrc", text("external-sources=true\n"));
        Suite suite = new Suite(Format.SHELL, tests, leftOut);
        files.put(Suite.MANIFEST, text(suite.manifest()));
        return new Rendered(files, suite);
    }

    /** The test script of {@code tc}, the other programs it is compared with in {@code transcripts}. */
    static String script(TestCase tc, CorrectTranscripts transcripts) {
        Target t = tc.program().target();
        Requirements req = Requirements.of(tc, Transcripts::deviceNeutral, transcripts);
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("# daxspec test ").append(tc.id()).append("\n#\n");
        comment(sb, tc.title());
        if (!tc.about().isEmpty()) {
            sb.append("#\n");
            tc.about().forEach(a -> comment(sb, a));
        }
        sb.append("#\n");
        comment(sb, "Target: " + t);
        Threads.headerLines(tc.tags()).forEach(l -> comment(sb, l));
        tc.fixedByCommit().ifPresent(c -> comment(sb, "Guards the fix of kernel commit " + c));
        Optional<String> notXfstests = XfstestsSuite.unsupported(tc);
        notXfstests.ifPresent(r -> comment(sb, "Shell only, not in the xfstests format: " + r));
        sb.append("#\n");
        comment(sb, "Usage: " + tc.id() + ".sh SCRATCH_DEV SCRATCH_MNT [--i-know-this-wipes DEVICE]");
        comment(sb, "Exit status: 0 pass, 1 fail, 2 not run, 3 known deviation, 4 refused (see ../README).");
        comment(
                sb,
                "Expected output: " + tc.id() + ".out"
                        + (tc.expected().size() > 1 ? " or " + tc.id() + ".out.N" : "")
                        + " beside this script, predicted by daxspec's oracle for a correct kernel.");
        sb.append("set -u\n");
        // The script's directory and the suite's (daxspec_top, which daxspec.sh sets) without
        // starting a process, as dirname would: . when the script is run by its bare name.
        sb.append(
                "daxspec_dir=${BASH_SOURCE[0]%/*} && [ \"$daxspec_dir\" != \"${BASH_SOURCE[0]}\" ] || daxspec_dir=.\n");
        sb.append("# shellcheck source-path=SCRIPTDIR source=../common/daxspec.sh\n");
        sb.append(". \"$daxspec_dir/../common/daxspec.sh\" || exit 4\n");
        sb.append("# shellcheck source-path=SCRIPTDIR source=../common/filter.sh\n");
        sb.append(". \"$daxspec_top/common/filter.sh\" || exit 4\n");
        sb.append('\n');
        sb.append("daxspec_begin ").append(ShellQuote.single(tc.id())).append(" \"$@\"\n");
        sb.append("daxspec_require_root\n");
        boolean traced = tc.program().steps().stream().anyMatch(s -> s instanceof XfsIoStep x && x.traced());
        sb.append("daxspec_require_commands ")
                .append(String.join(" ", commands(tc)))
                .append('\n');
        sb.append("daxspec_require_page_size ").append(req.pageSize()).append('\n');
        switch (req.device()) {
            case DAX -> sb.append("daxspec_require_dax_device\n");
            case NO_DAX -> sb.append("daxspec_require_no_dax_device\n");
            case ANY -> {}
        }
        sb.append("daxspec_require_device_size ").append(t.device().size()).append('\n');
        sb.append("daxspec_require_fs ").append(t.fs().fsName()).append('\n');
        if (traced) {
            sb.append("daxspec_require_fs_dax_events\n");
        }
        if (t.fs() == Filesystem.EXT2) {
            sb.append("daxspec_require_ext2_by_ext4\n");
        }
        // One word per command with all its flags, and one xfs_io run for them all.
        Map<String, List<String>> flags = new TreeMap<>();
        for (Requirements.XfsIoCommand c : req.xfsIo()) {
            List<String> l = flags.computeIfAbsent(c.command(), k -> new ArrayList<>());
            if (!c.flag().isEmpty()) {
                l.add(c.flag());
            }
        }
        if (!flags.isEmpty()) {
            sb.append("daxspec_require_xfs_io_commands");
            flags.forEach((command, f) -> sb.append(' ')
                    .append(f.isEmpty() ? command : ShellQuote.single(command + " " + String.join(" ", f))));
            sb.append('\n');
        }
        for (KnownDeviation d : tc.deviations()) {
            sb.append("daxspec_known_deviation ")
                    .append(ShellQuote.single("kernel " + d.kernel() + ": " + d.reason()))
                    .append('\n');
        }
        sb.append("\n# The program; it prints its transcript, which daxspec_check filters and compares.\n");
        sb.append("daxspec_program() {\n");
        sb.append(ProgramScript.body(tc.program()));
        sb.append("}\n\n");
        sb.append("daxspec_check ")
                .append(ScratchCommands.device(t).substring("/dev/".length()))
                .append('\n');
        return sb.toString();
    }

    /**
     * The commands the test of {@code tc} runs: the suite's tools, and {@link #PROBE} when
     * a step runs it (src/daxspec-probe, built from ci/vm/probe.c; daxspec run's guest has it).
     */
    private static SortedSet<String> commands(TestCase tc) {
        SortedSet<String> commands = new TreeSet<>(List.of(
                "awk",
                "cmp",
                "diff",
                "dmesg",
                "mount",
                "readlink",
                "sed",
                "stat",
                "umount",
                "xfs_io",
                "mkfs." + tc.program().target().fs().fsName()));
        for (Step s : tc.program().steps()) {
            if (s instanceof XfsIoStep x) {
                commands.add(x.invocation().tool());
            }
        }
        return commands;
    }

    /** {@code text} as comment lines, one per line of it. */
    static void comment(StringBuilder sb, String text) {
        for (String line : text.split("\n", -1)) {
            sb.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
    }

    static AtomicTree.Entry text(String s) {
        return new AtomicTree.Entry(s.getBytes(StandardCharsets.UTF_8), false);
    }

    static AtomicTree.Entry executable(String s) {
        return new AtomicTree.Entry(s.getBytes(StandardCharsets.UTF_8), true);
    }
}

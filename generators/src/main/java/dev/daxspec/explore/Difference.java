package dev.daxspec.explore;

import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.xfsio.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a kernel's transcript first departs from the oracle's, and how: the first differing
 * command (an xfs_io {@code -c} command, the mount, a program-level step) and the kind of
 * difference (data, exit status, kernel log, ...). Its {@link #signature()} is what findings
 * are deduplicated by.
 *
 * @param command the position of the command in the program, 0 for mkfs and mount
 * @param commandName {@code pread}, {@code mount}, {@code daxspec_fill}, ...
 * @param kind what differs
 * @param expected the oracle's first differing line, empty when it printed nothing there
 * @param actual the kernel's, empty when it printed nothing there
 */
public record Difference(int command, String commandName, String kind, String expected, String actual) {

    private static final Pattern HEX_DUMP = Pattern.compile("^[0-9a-f]{8}:  .*");

    /** {@code pread: data}: the first differing command's name and the kind of difference. */
    public String signature() {
        return commandName + ": " + kind;
    }

    /**
     * The difference between {@code expected} (the oracle's transcript closest to the
     * kernel's) and {@code actual}. A command's output is found by running the program's
     * prefixes on the oracle: the first prefix whose transcript reaches the differing line
     * ends with the command that printed it.
     *
     * @throws IllegalArgumentException when the two transcripts are the same
     */
    public static Difference of(Program program, String expected, String actual, Kernel kernel) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        int line = 0;
        while (line < e.size() && line < a.size() && e.get(line).equals(a.get(line))) {
            line++;
        }
        if (line == e.size() && line == a.size()) {
            throw new IllegalArgumentException("the transcripts are the same");
        }
        String el = line < e.size() ? e.get(line) : "";
        String al = line < a.size() ? a.get(line) : "";
        // A line the kernel added (the oracle's line comes right after it) or left out (the
        // kernel's line comes right after the oracle's): one side has nothing here.
        if (!el.isEmpty() && line + 1 < a.size() && a.get(line + 1).equals(el)) {
            el = "";
        } else if (!al.isEmpty() && line + 1 < e.size() && e.get(line + 1).equals(al)) {
            al = "";
        }
        List<String> names = new ArrayList<>();
        names.add("mount");
        List<Program> prefixes = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (Step s : program.steps()) {
            if (s instanceof XfsIoStep x) {
                Invocation inv = x.invocation();
                for (int i = 1; i <= inv.ops().size(); i++) {
                    List<Step> prefix = new ArrayList<>(steps);
                    prefix.add(new XfsIoStep(
                            new Invocation(
                                    inv.probe(),
                                    inv.create(),
                                    inv.readOnly(),
                                    inv.file(),
                                    inv.ops().subList(0, i)),
                            x.traced()));
                    prefixes.add(new Program(program.target(), prefix));
                    names.add(name(inv.ops().get(i - 1)));
                }
            } else {
                List<Step> prefix = new ArrayList<>(steps);
                prefix.add(s);
                prefixes.add(new Program(program.target(), prefix));
                names.add(s.toString().split(" ")[0]);
            }
            steps.add(s);
        }
        // Output the kernel printed before the next command's line belongs to the command before it.
        boolean extra = el.isEmpty() || el.startsWith("$ ");
        String kind = kind(el, al);
        int at = extra ? line - 1 : line;
        int command = names.size();
        // Prefix 0 is mkfs and mount: its transcript without the final umount line.
        if (linesBeforeUmount(new Program(program.target(), List.of()), kernel) > at) {
            command = 0;
        } else {
            for (int k = 0; k < prefixes.size(); k++) {
                if (linesBeforeUmount(prefixes.get(k), kernel) > at) {
                    command = k + 1;
                    break;
                }
            }
        }
        String name = command < names.size() ? names.get(command) : "umount";
        return new Difference(command, name, kind, el, al);
    }

    private static int linesBeforeUmount(Program p, Kernel kernel) {
        try {
            return (int) ProgramRunner.outcomes(p, kernel).get(0).text().lines().count() - 1;
        } catch (RuntimeException refused) {
            // A prefix the oracle cannot predict alone: it cannot be where the output ends.
            return -1;
        }
    }

    /** An xfs_io command's name: {@code pwrite}, {@code mread}, ... */
    static String name(Op op) {
        return op.toString().split(" ")[0];
    }

    static String kind(String expected, String actual) {
        if (expected.startsWith("kernel:") || actual.startsWith("kernel:")) {
            return "kernel log";
        }
        if (expected.isEmpty() || expected.startsWith("$ ")) {
            return "extra " + kindOf(actual);
        }
        if (actual.isEmpty() || actual.startsWith("$ ")) {
            return "missing " + kindOf(expected);
        }
        if (expected.startsWith("exit ") || actual.startsWith("exit ")) {
            return "exit status";
        }
        return kindOf(expected);
    }

    /** What a line of output is. */
    private static String kindOf(String line) {
        if (line.startsWith("exit ")) {
            return "exit status";
        }
        if (line.startsWith("trace:")) {
            return "fault trace";
        }
        if (HEX_DUMP.matcher(line).matches()) {
            return "data";
        }
        if (line.startsWith("stat") || line.startsWith("fsxattr") || line.startsWith("fd.")) {
            return "stat";
        }
        if (line.startsWith("Whence") || line.matches("^(DATA|HOLE)\\s.*")) {
            return "seek";
        }
        if (line.matches("^\\s*\\d+: \\[.*") || line.startsWith("SCRATCH_MNT/")) {
            return "extent map";
        }
        if (line.matches("^(wrote|read) .*")) {
            return "count";
        }
        return "output";
    }
}

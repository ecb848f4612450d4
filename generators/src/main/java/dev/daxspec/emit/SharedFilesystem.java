package dev.daxspec.emit;

import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Many programs of one target on one filesystem: one mkfs and one mount, then each program
 * on files of a directory of its own, which is removed after it. Under emulation a mkfs, a
 * mount and an unmount cost about as much as the program itself, so a screen of many
 * programs runs this way; what differs from the oracle here is then run again alone, on a
 * filesystem of its own, as {@link ProgramScript#phases} does, and only that run counts.
 *
 * <p>A program may share when its transcript does not depend on what else is on the
 * filesystem ({@link #shareable}); of what it prints, only inode numbers do, and
 * {@link #comparable} hides them on both sides. Stateless and thread-safe.
 */
public final class SharedFilesystem {

    /**
     * Programs on one filesystem at most: under emulation the mkfs, the mount and the job cost
     * a tenth of such a run or less, and a run that fails costs at most this many runs again
     * alone.
     */
    public static final int MOST = 12;

    /** The line the script prints before each program's part of the output. */
    private static final String MARK = "@@ daxspec shared filesystem: program ";

    /** xfs_io's {@code stat} and {@code statx -r} print the inode number so. */
    private static final Pattern INODE_NUMBER = Pattern.compile("(?m)^(stat\\.ino = )\\d+$");

    private SharedFilesystem() {}

    /**
     * Whether {@code program} prints the same with other files on its filesystem as alone.
     * Not when it fills the filesystem (how full it is is all of its files' doing) or crashes
     * the machine (what survives a crash of the others' files is not the program's), and not
     * when a step counts fs_dax events: whether a fault gets a PMD depends on where the file's
     * blocks lie on the device (2 MiB aligned or not), and other files change that. A remount
     * shares: it unmounts and mounts the whole filesystem (at the mount's root, {@link
     * #script}), which writes the others' files back too, and what the program reads afterwards
     * is its own files' state.
     */
    public static boolean shareable(Program program) {
        for (Step step : program.steps()) {
            if (step instanceof FillStep || step instanceof CrashStep) {
                return false;
            }
            if (step instanceof XfsIoStep x && x.traced()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Which of {@code programs} run together: the indices of those {@code shares} accepts,
     * by target in the order they come, at most {@link #MOST} a group. {@code shares} is
     * {@link #shareable} or a stricter test.
     */
    public static List<List<Integer>> groups(List<Program> programs, Predicate<Program> shares) {
        Map<Target, List<Integer>> byTarget = new LinkedHashMap<>();
        for (int i = 0; i < programs.size(); i++) {
            if (shares.test(programs.get(i))) {
                byTarget.computeIfAbsent(programs.get(i).target(), t -> new ArrayList<>())
                        .add(i);
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (List<Integer> same : byTarget.values()) {
            for (int from = 0; from < same.size(); from += MOST) {
                groups.add(List.copyOf(same.subList(from, Math.min(same.size(), from + MOST))));
            }
        }
        return groups;
    }

    /**
     * The bash that makes and mounts the filesystem of {@code programs}' target once, makes a
     * directory {@code $SCRATCH_MNT/pNNNN} for each program, and runs each program in its own,
     * which it removes after; a remount unmounts and mounts the filesystem at {@code $SCRATCH_MNT} itself. A
     * mount that fails ends the script, so the programs after it have no part ({@link #split}). It expects {@code SCRATCH_DEV} and {@code SCRATCH_MNT} to be set, as
     * {@link ProgramScript#phases} does, and prints the raw output that {@link #split} cuts into
     * each program's raw transcript.
     *
     * @throws IllegalArgumentException when a program is not {@link #shareable} or the
     *     programs' targets differ
     */
    public static String script(List<Program> programs) {
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        Program first = programs.get(0);
        StringBuilder sb = new StringBuilder(ProgramScript.preamble(first));
        sb.append(ProgramScript.makeAndMount(first));
        sb.append("daxspec_root=$SCRATCH_MNT\n");
        // Every program's directory at once: a mkdir each cost a process start each (about
        // 8 ms under TCG, where explore runs hundreds of programs a minute).
        sb.append("mkdir");
        for (int i = 0; i < programs.size(); i++) {
            sb.append(" \"$daxspec_root/").append(directory(i)).append('"');
        }
        sb.append('\n');
        for (int i = 0; i < programs.size(); i++) {
            Program p = programs.get(i);
            if (!p.target().equals(first.target())) {
                throw new IllegalArgumentException("program " + i + " is on " + p.target() + ", not " + first.target());
            }
            if (!shareable(p)) {
                throw new IllegalArgumentException("program " + i + " acts on the whole filesystem: " + p.steps());
            }
            String dir = directory(i);
            sb.append("echo ").append(ShellQuote.single(MARK + i)).append('\n');
            sb.append("SCRATCH_MNT=$daxspec_root/").append(dir).append('\n');
            for (Step step : p.steps()) {
                sb.append(ProgramScript.echoCommand(step.toString()));
                if (step instanceof RemountStep) {
                    // The mount is at the root, not at the program's directory.
                    sb.append("SCRATCH_MNT=$daxspec_root\n");
                    sb.append(ProgramScript.step(step, p));
                    sb.append("SCRATCH_MNT=$daxspec_root/").append(dir).append('\n');
                } else {
                    sb.append(ProgramScript.step(step, p));
                }
            }
            sb.append("rm -rf \"$SCRATCH_MNT\"\n");
            sb.append("SCRATCH_MNT=$daxspec_root\n");
        }
        String umount = ScratchCommands.umount();
        sb.append(ProgramScript.run(umount)).append(" >/dev/null 2>&1\n");
        return sb.toString();
    }

    /**
     * Each program's raw transcript out of {@code raw}, what {@link #script} printed with the
     * mount at {@code scratchMnt}: the mkfs and mount part they share, then the program's own
     * part with its directory spelled as {@code scratchMnt}, then the unmount. When the mount
     * failed no program ran, and each transcript is the shared part alone, as it would be
     * alone. Empty when {@code raw} does not hold every program's part (the script was cut
     * short).
     */
    public static Optional<List<String>> split(String raw, int count, String scratchMnt) {
        int firstMark = raw.indexOf(MARK + 0 + "\n");
        if (firstMark < 0) {
            return firstMarkMissing(raw, count);
        }
        String shared = raw.substring(0, firstMark);
        String umount = "$ " + ScratchCommands.umount() + "\n";
        List<String> out = new ArrayList<>();
        int from = firstMark;
        for (int i = 0; i < count; i++) {
            String mark = MARK + i + "\n";
            if (!raw.startsWith(mark, from)) {
                return Optional.empty();
            }
            int start = from + mark.length();
            int end = i + 1 < count ? raw.indexOf(MARK + (i + 1) + "\n", start) : raw.length();
            if (end < 0) {
                return Optional.empty();
            }
            String own = raw.substring(start, end).replace(scratchMnt + "/" + directory(i), scratchMnt);
            out.add(shared + own + umount);
            from = end;
        }
        return Optional.of(out);
    }

    /**
     * No program ran: the mkfs or the mount failed and the script stopped after printing the
     * exit status, which is then each program's transcript; or the script died before the first
     * program (empty).
     */
    private static Optional<List<String>> firstMarkMissing(String raw, int count) {
        if (!raw.matches("(?s)(.*\n)?exit \\d+\n")) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(raw);
        }
        return Optional.of(out);
    }

    /**
     * {@code transcript} as it compares across a shared and a fresh filesystem: inode numbers,
     * which depend on the files made before, spelled {@code stat.ino = N}.
     */
    public static String comparable(String transcript) {
        return INODE_NUMBER.matcher(transcript).replaceAll("$1N");
    }

    private static String directory(int i) {
        return String.format("p%04d", i);
    }
}

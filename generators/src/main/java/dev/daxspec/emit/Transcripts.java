package dev.daxspec.emit;

import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ScratchCommands;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Views of a transcript ({@link dev.daxspec.oracle.program.Transcript}) that a format
 * compares. Stateless.
 */
final class Transcripts {

    private static final Pattern KERNEL_DEVICE =
            Pattern.compile("^(kernel: .*?)\\((?:pmem|ram)\\d+\\)", Pattern.MULTILINE);

    private Transcripts() {}

    /**
     * The transcript with the device in kernel log lines spelled {@code (DEV)}: the shell
     * format's comparison, in which a test's kernel lines name the device as its expected
     * output does whatever the real device is.
     */
    static String deviceNeutral(String transcript) {
        return KERNEL_DEVICE.matcher(transcript).replaceAll("$1(DEV)");
    }

    /**
     * What an xfstests test prints of a transcript: the steps' part, from the first step's
     * {@code $} line to before {@code $ umount SCRATCH_MNT}. The mkfs and mount lines and the
     * mount's kernel lines are not in it: xfstests makes and mounts the filesystem itself.
     * Empty when the transcript is not one of a filesystem that mounted (the mount was
     * refused).
     *
     * @throws IllegalArgumentException when the transcript is not {@code program}'s
     */
    static Optional<String> stepsPart(Program program, String transcript) {
        List<String> lines = transcript.lines().toList();
        String mkfs = "$ " + ScratchCommands.mkfs(program.target());
        String mount = "$ " + ScratchCommands.mount(program.target());
        if (lines.size() < 2 || !lines.get(0).equals(mkfs) || !lines.get(1).equals(mount)) {
            throw new IllegalArgumentException("the transcript does not start with '" + mkfs + "' and '" + mount + "'");
        }
        int i = 2;
        while (i < lines.size() && lines.get(i).startsWith("kernel: ")) {
            i++;
        }
        if (i < lines.size() && lines.get(i).startsWith("exit ")) {
            return Optional.empty();
        }
        String umount = "$ " + ScratchCommands.umount();
        if (!lines.get(lines.size() - 1).equals(umount)) {
            throw new IllegalArgumentException("the transcript does not end with '" + umount + "'");
        }
        if (!program.steps().isEmpty()
                && !lines.get(i).equals("$ " + program.steps().get(0))) {
            throw new IllegalArgumentException(
                    "the transcript's first step is not '$ " + program.steps().get(0) + "'");
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines.subList(i, lines.size() - 1)) {
            sb.append(l).append('\n');
        }
        return Optional.of(sb.toString());
    }
}

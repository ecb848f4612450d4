package dev.daxspec.spec;

import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transcript read back against the program that printed it: which section belongs to
 * which command, what each mount logged and returned, what each xfs_io run printed, how
 * it exited and which fault tracepoints it fired. Works on any transcript of the program,
 * the oracle's for any kernel variant or a real kernel's; sections that are not there
 * (after a refused mount, say) are empty. Not thread-safe (it parses lazily).
 */
public final class TranscriptView {

    /** One command and what followed it up to the next command. */
    record Section(String command, List<String> body) {

        /** The {@code exit N} status, 0 when there is none. */
        int exitStatus() {
            if (!body.isEmpty() && body.get(body.size() - 1).startsWith("exit ")) {
                return Integer.parseInt(body.get(body.size() - 1).substring(5).strip());
            }
            return 0;
        }

        /** The {@code kernel: } lines, without the prefix. */
        List<String> kernel() {
            return body.stream()
                    .filter(l -> l.startsWith("kernel: "))
                    .map(l -> l.substring(8))
                    .toList();
        }

        /** The {@code trace: } lines, without the prefix. */
        List<String> trace() {
            return body.stream()
                    .filter(l -> l.startsWith("trace: "))
                    .map(l -> l.substring(7))
                    .toList();
        }

        /** What the command printed itself: the body without exit, kernel and trace lines. */
        List<String> output() {
            return body.stream()
                    .filter(l -> !l.startsWith("kernel: ") && !l.startsWith("trace: ") && !l.matches("exit \\d+"))
                    .toList();
        }

        /** The body as text, each line ending in a newline. */
        String text() {
            StringBuilder sb = new StringBuilder();
            body.forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }
    }

    private final Program program;
    private final String text;
    private final List<Section> mounts = new ArrayList<>();
    private final Section[] steps;
    private final Map<Integer, List<OpOutput>> parsed = new HashMap<>();

    private TranscriptView(Program program, String text) {
        this.program = program;
        this.text = text;
        this.steps = new Section[program.steps().size()];
        align(split(text));
    }

    /** Reads {@code text}, a transcript of {@code program}. */
    public static TranscriptView of(Program program, String text) {
        return new TranscriptView(program, text);
    }

    /** The transcript as it was given. */
    public String text() {
        return text;
    }

    private static List<Section> split(String text) {
        List<Section> out = new ArrayList<>();
        String command = null;
        List<String> body = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("$ ")) {
                if (command != null) {
                    out.add(new Section(command, List.copyOf(body)));
                }
                command = line.substring(2);
                body.clear();
            } else if (command != null) {
                body.add(line);
            }
        }
        if (command != null) {
            out.add(new Section(command, List.copyOf(body)));
        }
        return out;
    }

    /** Matches sections to the commands the program runs, in order, until one is missing. */
    private void align(List<Section> sections) {
        int s = 0;
        String mount = ScratchCommands.mount(program.target());
        if (s < sections.size() && sections.get(s).command().equals(ScratchCommands.mkfs(program.target()))) {
            s++;
        }
        if (s < sections.size() && sections.get(s).command().equals(mount)) {
            mounts.add(sections.get(s++));
        } else {
            return;
        }
        if (sections.get(s - 1).exitStatus() != 0) {
            return;
        }
        for (int i = 0; i < steps.length; i++) {
            Step step = program.steps().get(i);
            if (s >= sections.size() || !sections.get(s).command().equals(step.toString())) {
                return;
            }
            steps[i] = sections.get(s++);
            if (step instanceof CrashStep || step instanceof RemountStep) {
                if (s >= sections.size() || !sections.get(s).command().equals(mount)) {
                    return;
                }
                mounts.add(sections.get(s++));
            }
        }
    }

    /** The {@code k}-th mount (0: after mkfs; then one after each crash or remount). */
    Optional<Section> mount(int k) {
        return k < mounts.size() ? Optional.of(mounts.get(k)) : Optional.empty();
    }

    /** The section of program step {@code i}. */
    Optional<Section> step(int i) {
        return Optional.ofNullable(steps[i]);
    }

    /** What command {@code ref} printed; absent when its run did not happen or its output is not there. */
    OpOutput op(OpRef ref) {
        if (steps[ref.step()] == null || !(program.steps().get(ref.step()) instanceof XfsIoStep x)) {
            return OpOutput.ABSENT;
        }
        List<OpOutput> all = parsed.computeIfAbsent(
                ref.step(),
                i -> XfsIoOutput.parse(
                        x.invocation().ops(),
                        steps[i].output(),
                        program.target().pageSize()));
        return all.get(ref.op());
    }

    /** Why step {@code i} shows nothing, for messages. */
    String missing(int i) {
        if (mounts.isEmpty() || mounts.get(0).exitStatus() != 0) {
            return "the mount was refused, so nothing ran";
        }
        if (steps[i] == null) {
            return "'" + program.steps().get(i) + "' did not run";
        }
        Section s = steps[i];
        List<String> out = s.output();
        if (!out.isEmpty() && out.get(0).startsWith("SCRATCH_MNT/")) {
            return "xfs_io could not open the file: " + out.get(0);
        }
        if (s.exitStatus() > 128) {
            return "the process died with exit " + s.exitStatus() + " before printing it";
        }
        return "its output is not where it should be";
    }
}

package dev.daxspec.spec;

import java.util.List;
import java.util.Optional;

/**
 * What one xfs_io command printed, read back from a transcript: its stdout lines, and the
 * perror() line it printed on stderr when that can be told apart. Absent when the command
 * printed nothing recognisable where its output should be: the process died before it,
 * the file did not open, or its output was lost with the process's stdout buffer.
 *
 * @param present whether the command's output was found
 * @param lines its stdout lines (dump lines, report lines, stat fields, table rows)
 * @param error its perror() line, e.g. {@code pwrite: No space left on device}
 */
record OpOutput(boolean present, List<String> lines, Optional<String> error) {

    static final OpOutput ABSENT = new OpOutput(false, List.of(), Optional.empty());

    OpOutput {
        lines = List.copyOf(lines);
    }
}

package dev.daxspec.run;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognizes the kernel's reports of its own errors (oops, BUG, panic, WARNING) in kernel log
 * text and cuts them out.
 */
final class KernelErrors {

    /**
     * The first line of a report, as an extended regular expression that both {@code grep -E} (the
     * guest uses it to decide whether to reboot) and {@link Pattern} read the same way.
     */
    static final String FIRST_LINE = "(-+\\[ cut here \\]-+|Kernel panic - not syncing|BUG:|Oops: |WARNING:"
            + "|general protection fault|kernel BUG at)";

    private static final Pattern START = Pattern.compile(FIRST_LINE);
    private static final Pattern END = Pattern.compile("---\\[ end ");
    private static final int MAX_LINES = 80;

    private KernelErrors() {}

    /**
     * The first report in {@code log} (timestamps already removed): from its first line to the
     * {@code ---[ end ...]---} line, at most {@value #MAX_LINES} lines; empty when there is none.
     */
    static Optional<String> firstReport(String log) {
        List<String> lines = log.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (START.matcher(lines.get(i)).find()) {
                int end = Math.min(lines.size(), i + MAX_LINES);
                for (int j = i; j < end; j++) {
                    if (END.matcher(lines.get(j)).find()) {
                        end = j + 1;
                        break;
                    }
                }
                return Optional.of(String.join("\n", lines.subList(i, end)));
            }
        }
        return Optional.empty();
    }
}

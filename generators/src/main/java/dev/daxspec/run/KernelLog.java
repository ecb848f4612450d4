package dev.daxspec.run;

import java.util.List;
import java.util.regex.Pattern;

/** Kernel log text as the console and {@code dmesg} print it. */
final class KernelLog {

    private static final Pattern TIMESTAMP = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\] ?");

    private KernelLog() {}

    /**
     * The log with the {@code [   12.345678] } prefixes and carriage returns removed; every line,
     * the last one included, ends in a newline; empty input stays empty.
     */
    static String withoutTimestamps(String log) {
        StringBuilder out = new StringBuilder(log.length());
        for (String line : lines(log)) {
            out.append(TIMESTAMP.matcher(line).replaceFirst("")).append('\n');
        }
        return out.toString();
    }

    /**
     * The lines after the last one that reads exactly {@code marker} (once its timestamp is
     * removed), without timestamps; the whole log when no line does.
     */
    static String after(String log, String marker) {
        List<String> lines = lines(withoutTimestamps(log));
        int start = lines.lastIndexOf(marker) + 1;
        StringBuilder out = new StringBuilder();
        for (String line : lines.subList(start, lines.size())) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The last {@code count} lines of the log, without timestamps. */
    static String tail(String log, int count) {
        List<String> lines = lines(withoutTimestamps(log));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static List<String> lines(String log) {
        return log.replace("\r", "").lines().toList();
    }
}

package dev.daxspec.emit;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an xfstests {@code .out} keeps of xfs_io's {@code stat} and {@code statx} output:
 * the fields daxspec's expectations can observe, {@code stat.size} and {@code stat.blocks}
 * ("the file size is", "the file has N allocated") and {@code stat.attributes} ("the file
 * is DAX"), and no other {@code fd.}, {@code stat.}, {@code fsxattr.} or {@code dioattr.}
 * line. The others change with the tools and the kernel, not with the rules: inode
 * numbers with MKFS_OPTIONS, the fsxattr lines and the xflags bracket with the xfsprogs
 * version (and {@code fsxattr.xflags} on xfs since Linux 6.10 when a security module gives
 * a new file an attribute fork), the {@code statx -r} fields with both.
 *
 * <p>One definition for both sides: {@link #keep} for the expected output, {@link #AWK}
 * for the test's filter, which prints exactly what {@code keep} keeps.
 */
final class ObservedStat {

    /** The fields kept, each line as xfs_io prints it: {@code NAME = VALUE}. */
    static final List<String> FIELDS = List.of("stat.size", "stat.blocks", "stat.attributes");

    private static final Pattern STAT_LINE = Pattern.compile("^(?:fd|stat|fsxattr|dioattr)\\.[^ ]+(?: =|:) .*");

    /**
     * The awk statement that drops a stat line of a field not in {@link #FIELDS} (in the
     * subset of awk that mawk, gawk and busybox awk share); {@code line} is the line.
     */
    static final String AWK = "\tif (line ~ /^(fd|stat|fsxattr|dioattr)[.][^ ]+( =|:) / && line !~ /^("
            + FIELDS.stream().map(f -> f.replace(".", "[.]")).collect(Collectors.joining("|"))
            + ") = /) next\n";

    private ObservedStat() {}

    /** {@code transcript} without the stat lines of fields not in {@link #FIELDS}. */
    static String keep(String transcript) {
        StringBuilder sb = new StringBuilder();
        for (String line : transcript.split("(?<=\n)")) {
            String bare = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            if (STAT_LINE.matcher(bare).matches() && FIELDS.stream().noneMatch(f -> bare.startsWith(f + " = "))) {
                continue;
            }
            sb.append(line);
        }
        return sb.toString();
    }
}

package dev.daxspec.oracle.xfsio;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one filter applied to xfs_io output on both sides of every comparison, removing
 * what a model cannot know. It applies, in order:
 * <ol>
 * <li>xfstests' {@code _filter_scratch}: the scratch mount and device become
 *     {@code SCRATCH_MNT} and {@code SCRATCH_DEV};</li>
 * <li>xfstests' {@code _filter_xfs_io}: the timing line becomes
 *     {@code XXX Bytes, X ops; XX:XX:XX.X (XXX YYY/sec and XXX ops/sec)};</li>
 * <li>timestamps and device numbers in {@code stat}/{@code statx} output
 *     ({@code stat.atime.tv_sec = ...}, {@code stat.dev_major = ...}) become {@code X}, and
 *     so does xfs's {@code fsxattr.nextents}: how many extents xfs keeps depends on where
 *     the allocator put the blocks (sixteen kilobytes written through DAX a block at a
 *     time were measured as two extents);</li>
 * <li>virtual addresses, which the kernel chooses: in xfs_io's mapping list
 *     ({@code [000] ADDR - ADDR rwx SCRATCH_MNT/f (0 : 8192)}, single spaces) and in
 *     msync's {@code offset address (ADDR) is not page aligned};</li>
 * <li>fiemap tables (the {@code SCRATCH_MNT/f:} header, {@code fiemap -v} columns or plain
 *     rows) become what xfstests' {@code _filter_fiemap} prints: physical addresses and
 *     extent splits the allocator chose are gone, {@code data}, {@code unwritten} and
 *     {@code hole} runs remain. Plain fiemap has no flags, so unwritten shows as data.</li>
 * </ol>
 * Inode numbers stay: on a freshly made filesystem they are deterministic (12 for the
 * first file on ext4, 131 on xfs). The oracle prints output this filter leaves unchanged.
 *
 * <p>Immutable and thread-safe.
 */
public final class TranscriptFilter {

    private static final Pattern TIMING =
            Pattern.compile("[0-9/.]* [GMKiBbytes]*, [0-9]* ops; [0-9/:. sec]* \\([infa0-9/.-]* [EPGMKiBbytes]*/sec and"
                    + " [infa0-9/.-]* ops/sec\\)");
    private static final Pattern STAT_UNKNOWABLE =
            Pattern.compile("^(stat\\.(?:[amcb]time(?:\\.tv_n?sec)?|dev_major|dev_minor)|fsxattr\\.nextents) ?[=] .*$");
    private static final Pattern FIEMAP_HEADER = Pattern.compile("^SCRATCH_MNT/\\S*:$");
    private static final Pattern FIEMAP_COLUMNS = Pattern.compile("^\\s*EXT: FILE-OFFSET\\s+BLOCK-RANGE.*$");
    /** A verbose row: {@code %4d: [a..b]: p..q total flags}, or {@code [a..b]: hole total}. */
    private static final Pattern FIEMAP_VERBOSE = Pattern.compile(
            "^\\s*\\d+: \\[(\\d+)\\.\\.(\\d+)\\]:\\s+(hole|\\d+\\.\\.\\d+)\\s+\\d+(?:\\s+(0x[0-9a-f]+))?$");
    /** A plain row: {@code \t%d: [a..b]: p..q} or {@code ... hole}. */
    private static final Pattern FIEMAP_PLAIN =
            Pattern.compile("^\\t\\d+: \\[(\\d+)\\.\\.(\\d+)\\]: (hole|\\d+\\.\\.\\d+)$");
    /** A row already in _filter_fiemap form. */
    private static final Pattern FIEMAP_FILTERED =
            Pattern.compile("^\\d+: \\[(\\d+)\\.\\.(\\d+)\\]: (data|unwritten|hole)$");
    /** maplist_f()'s line for a mapping: {@code %c%03d%c 0x%lx - 0x%lx %s  %14s (%lld : %ld)}. */
    private static final Pattern MAPPING = Pattern.compile(
            "^([\\[ ])(\\d{3})([\\] ]) 0x[0-9a-f]+ - 0x[0-9a-f]+ (\\S+(?: [SP])?)\\s+(\\S+) \\((\\d+) : (\\d+)\\)$");

    private static final Pattern UNALIGNED = Pattern.compile("^offset address \\(0x[0-9a-f]+\\) is not page aligned$");
    /** _filter_fiemap's test for FIEMAP_EXTENT_UNWRITTEN (0x800) in the flags column. */
    private static final Pattern UNWRITTEN_FLAGS = Pattern.compile("0x[0-9a-fA-F]*8[0-9a-fA-F][0-9a-fA-F]");

    private final String scratchMnt;
    private final String scratchDev;

    /**
     * @param scratchMnt the scratch mount point the output was made with, e.g. {@code /mnt/scratch}
     * @param scratchDev the scratch device, e.g. {@code /dev/pmem0}
     */
    public TranscriptFilter(String scratchMnt, String scratchDev) {
        this.scratchMnt = scratchMnt;
        this.scratchDev = scratchDev;
    }

    public String apply(String text) {
        StringBuilder out = new StringBuilder(text.length());
        FiemapTable table = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.replace(scratchMnt, "SCRATCH_MNT").replace(scratchDev, "SCRATCH_DEV");
            if (line.contains(".use_space")) {
                continue;
            }
            line = TIMING.matcher(line).replaceAll("XXX Bytes, X ops; XX:XX:XX.X (XXX YYY/sec and XXX ops/sec)");
            Matcher st = STAT_UNKNOWABLE.matcher(line);
            if (st.matches()) {
                line = st.group(1) + " = X";
            }
            Matcher map = MAPPING.matcher(line);
            if (map.matches()) {
                line = map.group(1) + map.group(2) + map.group(3) + " ADDR - ADDR " + map.group(4) + " " + map.group(5)
                        + " (" + map.group(6) + " : " + map.group(7) + ")";
            }
            if (UNALIGNED.matcher(line).matches()) {
                line = "offset address (ADDR) is not page aligned";
            }
            if (FIEMAP_HEADER.matcher(line).matches()) {
                // Each fiemap command prints its own header: a table right after another is
                // a table of its own.
                if (table != null) {
                    out.append(table.render());
                }
                table = new FiemapTable();
                continue;
            }
            if (FIEMAP_COLUMNS.matcher(line).matches()) {
                if (table == null) {
                    table = new FiemapTable();
                }
                continue;
            }
            String[] row = fiemapRow(line);
            if (row != null) {
                if (table == null) {
                    table = new FiemapTable();
                }
                table.add(Long.parseLong(row[0]), Long.parseLong(row[1]), row[2]);
                continue;
            }
            if (table != null) {
                out.append(table.render());
                table = null;
            }
            out.append(line).append('\n');
        }
        if (table != null) {
            out.append(table.render());
        }
        // split(-1) saw one more (empty) line after a final newline than the text has.
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** {low, high, type} of a fiemap row in any of its three forms, or null. */
    private static String[] fiemapRow(String line) {
        Matcher m = FIEMAP_FILTERED.matcher(line);
        if (m.matches()) {
            return new String[] {m.group(1), m.group(2), m.group(3)};
        }
        m = FIEMAP_VERBOSE.matcher(line);
        if (m.matches()) {
            String type;
            if (m.group(3).equals("hole")) {
                type = "hole";
            } else if (m.group(4) == null) {
                return null;
            } else {
                type = UNWRITTEN_FLAGS.matcher(m.group(4)).find() ? "unwritten" : "data";
            }
            return new String[] {m.group(1), m.group(2), type};
        }
        m = FIEMAP_PLAIN.matcher(line);
        if (m.matches()) {
            return new String[] {m.group(1), m.group(2), m.group(3).equals("hole") ? "hole" : "data"};
        }
        return null;
    }
}

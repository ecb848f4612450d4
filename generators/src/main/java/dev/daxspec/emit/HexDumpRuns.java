package dev.daxspec.emit;

/**
 * What an xfstests {@code .out} keeps of xfs_io's {@code pread -v} and {@code mread -v}
 * dumps: a run of full 16-byte rows with the same bytes as the row before is one line
 * {@code *}, as {@code od} prints it without {@code -v}. A rule that reads 4 KiB of zeros
 * then takes two rows and a star, not 256 rows; the next row's offset, and the
 * {@code read N/N bytes at offset M} line after the dump, still say how far the run went.
 * The row format ({@code %08llx:  } then 16 {@code %02x } then the bytes as text) has not
 * changed in xfsprogs' {@code dump_buffer()} since before 6.1.
 *
 * <p>One definition for both sides: {@link #collapse} for the expected output, {@link #AWK}
 * for the test's filter, which prints exactly what {@code collapse} keeps.
 */
final class HexDumpRuns {

    /** The length of a full row after its offset: {@code ":  "}, 16 {@code "xx "}, a space, 16 characters. */
    private static final int FULL_ROW = 3 + 16 * 3 + 1 + 16;

    /**
     * The awk statements that print {@code *} for the first row of a run and drop the
     * others (in the subset of awk that mawk, gawk and busybox awk share); {@code line} is
     * the line, {@code last_row} and {@code starred} their state.
     */
    static final String AWK = """
            	if (line ~ /^[0-9a-f]+:  [0-9a-f][0-9a-f] / && length(substr(line, index(line, ":"))) == FULL_ROW) {
            		row = substr(line, index(line, ":"))
            		if (row == last_row) {
            			if (!starred) print "*"
            			starred = 1
            			next
            		}
            		last_row = row
            	} else {
            		last_row = ""
            	}
            	starred = 0
            """.replace("FULL_ROW", Integer.toString(FULL_ROW));

    private HexDumpRuns() {}

    /** {@code transcript} with each run of repeated full dump rows as one {@code *} line. */
    static String collapse(String transcript) {
        StringBuilder sb = new StringBuilder();
        String lastRow = "";
        boolean starred = false;
        for (String line : transcript.split("(?<=\n)")) {
            String bare = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            int colon = bare.indexOf(':');
            if (bare.matches("[0-9a-f]+:  [0-9a-f][0-9a-f] .*") && bare.length() - colon == FULL_ROW) {
                String row = bare.substring(colon);
                if (row.equals(lastRow)) {
                    if (!starred) {
                        sb.append("*\n");
                    }
                    starred = true;
                    continue;
                }
                lastRow = row;
            } else {
                lastRow = "";
            }
            starred = false;
            sb.append(line);
        }
        return sb.toString();
    }
}

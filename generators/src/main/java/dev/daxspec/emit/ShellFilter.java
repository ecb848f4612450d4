package dev.daxspec.emit;

/**
 * The shell port of {@link dev.daxspec.oracle.xfsio.TranscriptFilter}: one awk program, in
 * the subset of awk that mawk, gawk and busybox awk agree on (no interval expressions, no
 * {@code \d}, brackets instead of escaped parentheses, literal replacement with
 * {@code index()}, numbers printed with {@code %.0f}).
 *
 * <p>On text that ends in a newline it prints exactly what the Java filter returns; awk
 * always ends its last line with a newline, where the Java filter keeps a missing one
 * missing. Transcripts always end in a newline.
 *
 * <p>The scratch mount and device come from the environment ({@code DAXSPEC_FILTER_MNT},
 * {@code DAXSPEC_FILTER_DEV}), because {@code awk -v} would interpret backslashes in them.
 * Two more variables serve the shell format only: {@code DAXSPEC_FILTER_KNAME} (the kernel's
 * name of the device the test runs on) and {@code DAXSPEC_FILTER_GOLDEN_KNAME} (the name the
 * expected output has, {@code pmem0} or {@code ram0}): kernel log lines naming the first
 * name get the second, so a test can run on {@code /dev/pmem1}. When they are equal this
 * rule does nothing, and the filter is the Java filter.
 */
final class ShellFilter {

    /** Literal replacement, for the scratch paths. */
    private static final String REPLACE = """
            function replace(s, from, to,    out, i) {
            	out = ""
            	while (from != "" && (i = index(s, from)) > 0) {
            		out = out substr(s, 1, i - 1) to
            		s = substr(s, i + length(from))
            	}
            	return out s
            }
            """;

    /** The fiemap table: rows coalesced into runs as FiemapTable does. */
    private static final String FUNCTIONS = """
            function add_row(low, high, type) {
            	if (rows == 0 || type != run_type) {
            		if (rows > 0) {
            			print sprintf("%d", runs) ": [" run_low ".." sprintf("%.0f", low - 1) "]: " run_type
            			runs++
            		}
            		run_low = low
            		run_type = type
            	}
            	last_high = high
            	rows++
            }
            function end_table() {
            	if (rows > 0) print sprintf("%d", runs) ": [" run_low ".." last_high "]: " run_type
            	table = 0; rows = 0; runs = 0
            }
            function bounds(field,    b) {
            	gsub(/[[]/, "", field)
            	gsub(/]/, "", field)
            	gsub(/:/, "", field)
            	split(field, b, "[.]")
            	low = b[1]
            	high = b[3]
            }
            """;

    /** Scratch paths, {@code .use_space}, the timing line: xfstests' _filter_scratch and _filter_xfs_io. */
    private static final String XFSTESTS_RULES = """
            	line = replace(line, ENVIRON["DAXSPEC_FILTER_MNT"], "SCRATCH_MNT")
            	line = replace(line, ENVIRON["DAXSPEC_FILTER_DEV"], "SCRATCH_DEV")
            	kname = ENVIRON["DAXSPEC_FILTER_KNAME"]
            	golden = ENVIRON["DAXSPEC_FILTER_GOLDEN_KNAME"]
            	if (kname != "" && golden != "" && substr(line, 1, 8) == "kernel: ")
            		line = replace(line, "(" kname ")", "(" golden ")")
            	if (index(line, ".use_space")) next
            	# _filter_xfs_io's own replacement of the timing line (xfstests common/filter)
            	gsub(timing, "XXX Bytes, X ops; XX:XX:XX.X (XXX YYY/sec and XXX ops/sec)", line)
            """;

    /**
     * Stat times, device numbers, fsxattr.nextents; mapping addresses in xfs_io's mmap list
     * and its unaligned-offset error; fiemap tables in _filter_fiemap form.
     */
    private static final String DAXSPEC_RULES = """
            	if (line ~ /^(stat[.]([amcb]time([.]tv_n?sec)?|dev_major|dev_minor)|fsxattr[.]nextents) ?= /) {
            		sub(/ ?= .*$/, "", line)
            		line = line " = X"
            	}
            	if (line ~ /^[[ ][0-9][0-9][0-9][] ] 0x[0-9a-f]+ - 0x[0-9a-f]+ [^[:space:]]+( [SP])?[[:space:]]+[^[:space:]]+ [(][0-9]+ : [0-9]+[)]$/) {
            		i = index(line, " (")
            		n = split(substr(line, 6, i - 6), f, " ")
            		line = substr(line, 1, 5) " ADDR - ADDR " f[4] (n == 6 ? " " f[5] : "") " " f[n] substr(line, i)
            	}
            	if (line ~ /^offset address [(]0x[0-9a-f]+[)] is not page aligned$/)
            		line = "offset address (ADDR) is not page aligned"
            	if (line ~ /^SCRATCH_MNT\\/[^[:space:]]*:$/) {
            		if (table) end_table()
            		table = 1
            		next
            	}
            	if (line ~ /^[[:space:]]*EXT: FILE-OFFSET[[:space:]]+BLOCK-RANGE/) {
            		table = 1
            		next
            	}
            	n = split(line, f, " ")
            	if (line ~ /^[0-9]+: [[][0-9]+[.][.][0-9]+]: (data|unwritten|hole)$/) {
            		bounds(f[2]); table = 1; add_row(low, high, f[3]); next
            	}
            	if (line ~ /^[[:space:]]*[0-9]+: [[][0-9]+[.][.][0-9]+]:[[:space:]]+(hole|[0-9]+[.][.][0-9]+)[[:space:]]+[0-9]+([[:space:]]+0x[0-9a-f]+)?$/ && (f[3] == "hole" || n == 5)) {
            		type = f[3] == "hole" ? "hole" : (f[5] ~ /0x[0-9a-fA-F]*8[0-9a-fA-F][0-9a-fA-F]/ ? "unwritten" : "data")
            		bounds(f[2]); table = 1; add_row(low, high, type); next
            	}
            	if (line ~ /^\\t[0-9]+: [[][0-9]+[.][.][0-9]+]: (hole|[0-9]+[.][.][0-9]+)$/) {
            		bounds(f[2]); table = 1; add_row(low, high, f[3] == "hole" ? "hole" : "data"); next
            	}
            	if (table) end_table()
            """;

    private static final String TIMING = "timing = \"[0-9/.]* [GMKiBbytes]*, [0-9]* ops; [0-9/:. sec]*"
            + " [(][infa0-9/.-]* [EPGMKiBbytes]*/sec and [infa0-9/.-]* ops/sec[)]\"";

    private ShellFilter() {}

    /** The whole filter as one awk program: the port of {@code TranscriptFilter.apply}. */
    static String awkProgram() {
        return program(true);
    }

    /**
     * The part of the filter that xfstests' own {@code _filter_xfs_io | _filter_scratch}
     * leave to a test (stat times, device numbers, {@code fsxattr.nextents}, fiemap
     * tables), then {@link ObservedStat}: of the stat lines, only the observed fields;
     * then {@link HexDumpRuns}: a run of repeated dump rows as {@code *}.
     */
    static String awkProgramAfterXfstestsFilters() {
        return program(false);
    }

    private static String program(boolean withXfstestsRules) {
        return (withXfstestsRules ? REPLACE : "") + FUNCTIONS
                + (withXfstestsRules ? "BEGIN { " + TIMING + " }\n" : "")
                + "{\n\tline = $0\n"
                + (withXfstestsRules ? XFSTESTS_RULES : "")
                + DAXSPEC_RULES
                + (withXfstestsRules ? "" : ObservedStat.AWK + HexDumpRuns.AWK)
                + "\tprint line\n"
                + "}\nEND { if (table) end_table() }\n";
    }

    /**
     * {@code common/filter.sh} of the shell format: {@code daxspec_filter MNT DEV KNAME
     * GOLDEN_KNAME} filters stdin to stdout.
     */
    static String shellLibrary() {
        return "# shellcheck shell=bash\n"
                + "# daxspec_filter SCRATCH_MNT SCRATCH_DEV [KNAME GOLDEN_KNAME]: the transcript filter of\n"
                + "# daxspec's oracle (dev.daxspec.oracle.xfsio.TranscriptFilter) in awk. It does what\n"
                + "# xfstests' _filter_scratch and _filter_xfs_io do, turns stat times, device numbers\n"
                + "# and fsxattr.nextents into X, and fiemap tables into _filter_fiemap's form. With\n"
                + "# KNAME and GOLDEN_KNAME, kernel log lines naming the device KNAME name GOLDEN_KNAME.\n"
                + "daxspec_filter() {\n"
                + "\tDAXSPEC_FILTER_MNT=$1 DAXSPEC_FILTER_DEV=$2 \\\n"
                + "\t\tDAXSPEC_FILTER_KNAME=${3:-} DAXSPEC_FILTER_GOLDEN_KNAME=${4:-} \\\n"
                + "\t\tawk " + ShellQuote.single(awkProgram()) + "\n"
                + "}\n";
    }
}

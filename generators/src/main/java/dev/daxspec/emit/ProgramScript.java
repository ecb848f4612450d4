package dev.daxspec.emit;

import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.xfsio.Invocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Program} as bash that prints its transcript in the format of
 * {@link dev.daxspec.oracle.program.Transcript}: each command as {@code $ ...} with the
 * scratch device and mount spelled as placeholders, its output, {@code exit N} when it
 * fails, and the mount's kernel log lines of warning level and above as
 * {@code kernel: ...}. The output is raw: the caller applies the shared
 * {@link dev.daxspec.oracle.xfsio.TranscriptFilter} (or its shell port, {@link ShellFilter}).
 *
 * <p>The script expects {@code SCRATCH_DEV} and {@code SCRATCH_MNT} to be set, and runs
 * under {@code set -u}. It writes nothing outside {@code SCRATCH_MNT} except one line to
 * {@code /dev/kmsg}: a mark from which it reads the mount's kernel log, so it never clears
 * the kernel log of the machine it runs on. Stateless and thread-safe.
 */
public final class ProgramScript {

    /**
     * {@code daxspec_kernel_log_mark} writes a unique line to the kernel log;
     * {@code daxspec_kernel_log} prints the warning-and-worse kernel lines after it without
     * their timestamps: {@code dmesg -r} prefixes each record with {@code <N>}, N = facility
     * * 8 + level, and the mark itself is a user-facility line ({@code <12>}), which the
     * level test leaves out. A mark that cannot be found is reported as a kernel line, so
     * the transcript shows it. printk's rate limiter's own line ({@code EXT4-fs mount: 14
     * callbacks suppressed}, from ___ratelimit()) tells how often the machine mounted lately,
     * not what this mount did: it is left out (it made conform flaky after many mounts).
     * One awk does it all: every process costs a few milliseconds on an emulated CPU.
     */
    static final String KERNEL_LOG_FUNCTIONS = """
            daxspec_kernel_log_mark() {
            \tdaxspec_klog_mark="daxspec: kernel log mark $$.$RANDOM.$RANDOM"
            \techo "$daxspec_klog_mark" >/dev/kmsg
            }
            daxspec_kernel_log() {
            \tdmesg -r | awk -v m="$daxspec_klog_mark" '
            \t\tindex($0, m) { seen = 1; n = 0; next }
            \t\t/ callbacks suppressed$/ { next }
            \t\tmatch($0, /^<[0-4]>([[] *[0-9]*[.][0-9]*[]] )?/) { line[n++] = "kernel: " substr($0, RLENGTH + 1) }
            \t\tEND {
            \t\t\tif (!seen) { print "kernel: daxspec: the kernel log mark is missing"; exit }
            \t\t\tfor (i = 0; i < n; i++) print line[i]
            \t\t}'
            }
            """;

    /**
     * A bash function {@code NAME} that reads an fs_dax trace on stdin and prints it
     * counted as {@link dev.daxspec.oracle.mm.FaultTrace} does ({@code trace: EVENT [RESULT]
     * N}): the *_done, load_hole and pfn_mkwrite events by result, leaving out PMD
     * fallbacks for ranges outside the mapping (PMD_SIZE is 2 MiB on x86-64). Both formats
     * use it.
     *
     * @param awk how the function calls awk: {@code awk}, or {@code "$AWK_PROG"} in xfstests
     */
    static String faultCounts(String name, String awk) {
        return name + """
                ()
                {
                	AWK '
                	function hex(s,   i, n) {
                		n = 0; s = tolower(s); sub(/^0x/, "", s)
                		for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
                		return n
                	}
                	{
                		for (i = 1; i <= NF; i++) if ($i ~ /^dax_[a-z_]*:$/) break
                		if (i > NF) next
                		ev = substr($i, 1, length($i) - 1); res = $NF
                		if (ev == "dax_pmd_fault_done") {
                			for (j = i; j <= NF; j++) {
                				if ($j == "address") a = hex($(j + 1))
                				if ($j == "vm_start") s = hex($(j + 1))
                				if ($j == "vm_end") e = hex($(j + 1))
                			}
                			p = a - a % 2097152
                			if (res == "FALLBACK" && (p < s || p + 2097152 > e)) next
                			print ev " " res
                		} else if (ev == "dax_pte_fault_done" || ev == "dax_load_hole" || ev == "dax_insert_pfn_mkwrite") {
                			print ev " " res
                		} else if (ev == "dax_pmd_load_hole") {
                			print ev
                		}
                	}' | LC_ALL=C sort | uniq -c | AWK '{ printf "trace: %s", $2; if (NF > 2) printf " %s", $3; printf " %s\\n", $1 }'
                }
                """.replace("AWK", awk);
    }

    /**
     * daxspec_trace CMD...: runs CMD with the fs_dax tracepoints on in a tracing instance of
     * its own (removed after, so tracing is left as it was found), then prints the events
     * counted ({@link #faultCounts}).
     */
    static final String TRACE_FUNCTIONS = faultCounts("daxspec_fault_counts", "awk") + """
            daxspec_trace() {
            	local t=/sys/kernel/tracing/instances/daxspec-$$ status
            	# A tracing instance of its own: the global buffer, tracing_on and the event
            	# switches stay as the test found them, and so does anyone's tracing. Events
            	# already on globally (daxspec's VM guest turns them on at boot) cost nothing
            	# to turn on here: turning one on or off patches kernel text, which is slow
            	# under emulation, only for the first user.
            	mkdir "$t" || return 125
            	echo 1 > "$t/events/fs_dax/enable"
            	"$@" 2>&1
            	status=$?
            	echo 0 > "$t/tracing_on"
            	daxspec_fault_counts < "$t/trace"
            	rmdir "$t"
            	return "$status"
            }
            """;

    private ProgramScript() {}

    /**
     * The bash that runs {@code program} and prints its raw transcript.
     *
     * @throws UnsupportedStepException when the program crashes the machine: it runs in
     *     {@link #phases}, with the harness crashing the machine between them
     */
    public static String body(Program program) {
        List<String> phases = phases(program);
        if (phases.size() != 1) {
            throw new UnsupportedStepException(
                    new CrashStep(), "a crash needs a harness that reboots the machine between the script's phases");
        }
        return phases.get(0);
    }

    /**
     * The program as scripts to run one after another with a crash between each two (an
     * immediate reboot without sync, which the harness does): the first makes the
     * filesystem and mounts it, each later one mounts it again without mkfs; the last one
     * unmounts. Together they print the raw transcript.
     */
    public static List<String> phases(Program program) {
        String preamble = preamble(program);
        List<String> phases = new ArrayList<>();
        StringBuilder sb = new StringBuilder(preamble).append(makeAndMount(program));
        for (Step step : program.steps()) {
            sb.append(echoCommand(step.toString()));
            sb.append(step(step, program));
            if (step instanceof CrashStep) {
                phases.add(sb.toString());
                sb = new StringBuilder(preamble).append(mount(program));
            }
        }
        sb.append(echoCommand(ScratchCommands.umount()));
        sb.append(run(ScratchCommands.umount())).append(" >/dev/null 2>&1\n");
        phases.add(sb.toString());
        return phases;
    }

    /** Unmounts what may be mounted ({@link #unmountScratch}), prints and runs mkfs, then mounts ({@link #mount}); stops when either fails. */
    static String makeAndMount(Program program) {
        String mkfs = ScratchCommands.mkfs(program.target());
        return unmountScratch()
                + echoCommand(mkfs)
                + run(mkfs)
                + " >/dev/null 2>&1 || { echo \"exit $?\"; exit 0; }\n"
                + mount(program);
    }

    /**
     * Unmounts {@code $SCRATCH_MNT} where {@code /proc/mounts} has it, as bash reads it: there
     * usually is nothing, and a {@code umount} that fails still costs a program's start (15 to 30
     * ms under TCG, where explore runs hundreds of these).
     */
    static String unmountScratch() {
        return "while read -r _ daxspec_mp _; do\n"
                + "\tif [ \"$daxspec_mp\" = \"$SCRATCH_MNT\" ]; then umount \"$SCRATCH_MNT\" 2>/dev/null; fi\n"
                + "done </proc/mounts\n";
    }

    /** The bash of one step of {@code program}, without the line that prints it. */
    static String step(Step step, Program program) {
        return StepVisitor.visit(step, new StepVisitor<>() {
            @Override
            public String xfsIo(XfsIoStep step) {
                // The braces' stderr goes to /dev/null so that bash's own report of a
                // signal ("Bus error") stays out; xfs_io's stderr goes with its stdout.
                // daxspec_trace sends its command's stderr to stdout itself; its own stderr,
                // where bash reports the signal, must stay /dev/null.
                String cmd = xfsIoCommand(step.invocation().tool(), step.invocation());
                String run = step.traced() ? "daxspec_trace " + cmd : cmd + " 2>&1";
                return "{ " + run + "; status=$?; } 2>/dev/null\n"
                        + "if [ \"$status\" -ne 0 ]; then echo \"exit $status\"; fi\n";
            }

            @Override
            public String fill(FillStep step) {
                return "daxspec_fill " + step.freeBlocks() + "\n";
            }

            @Override
            public String remount(RemountStep step) {
                return run(ScratchCommands.umount()) + " >/dev/null 2>&1\n" + mount(program);
            }

            @Override
            public String crash(CrashStep step) {
                // The phase ends here with everything still mounted; the harness crashes
                // the machine, and the next phase starts by mounting again.
                return "";
            }
        });
    }

    static String preamble(Program program) {
        StringBuilder sb = new StringBuilder(KERNEL_LOG_FUNCTIONS);
        if (program.steps().stream().anyMatch(FillStep.class::isInstance)) {
            sb.append(fillFunctions("xfs_io", "${SCRATCH_DEV##*/}"));
        }
        if (program.steps().stream().anyMatch(st -> st instanceof XfsIoStep x && x.traced())) {
            sb.append(TRACE_FUNCTIONS);
        }
        return sb.toString();
    }

    /** Prints and runs the mount, then the kernel log lines it printed; stops the phase when it fails. */
    private static String mount(Program program) {
        String mount = ScratchCommands.mount(program.target());
        return echoCommand(mount)
                + "daxspec_kernel_log_mark\n"
                + run(mount) + " >/dev/null 2>&1\n"
                + "status=$?\n"
                + "daxspec_kernel_log\n"
                + "if [ \"$status\" -ne 0 ]; then echo \"exit $status\"; exit 0; fi\n";
    }

    /**
     * {@code daxspec_fill N}: leaves exactly N blocks free for files. Free blocks are
     * statfs's f_bfree less ext4's reserved clusters, which root's files cannot take; a big
     * filler leaves 64 blocks of slack for its own extent tree, then a small one takes the
     * rest. It ends with {@code sync}: the fill sets the stage for the program, and a crash
     * after it must not give the space back (the oracle commits the journal there,
     * {@code FileSystem.fillTo}). Without it ext4's fallocate of the fillers was still in the
     * running transaction when a crash came, and the filesystem had its space again after
     * recovery (found by daxspec explore on Debian 6.1: a fill, a crash, then a write that
     * did not get ENOSPC).
     *
     * @param xfsIo how the script calls xfs_io: {@code xfs_io}, or {@code $XFS_IO_PROG} in
     *     xfstests, unquoted since it holds options too
     * @param deviceName a shell expression for the scratch device's kernel name, e.g. {@code pmem0}
     */
    static String fillFunctions(String xfsIo, String deviceName) {
        return """
                daxspec_free_blocks() {
                	local free resv=0 f
                	f="/sys/fs/ext4/DEVICE_NAME/reserved_clusters"
                	free=$(stat -f -c %f "$SCRATCH_MNT")
                	if [ -r "$f" ]; then resv=$(cat "$f"); fi
                	echo $((free - resv))
                }
                # shellcheck disable=SC2086 # XFS_IO may be a command and its options
                daxspec_fill() {
                	local want=$1 bs free
                	bs=$(stat -f -c %S "$SCRATCH_MNT")
                	free=$(daxspec_free_blocks)
                	if [ "$free" -gt $((want + 64)) ]; then
                		XFS_IO -f -c "falloc 0 $(((free - want - 64) * bs))" "$SCRATCH_MNT/.fill0" >/dev/null 2>&1
                	else
                		XFS_IO -f -c "truncate 0" "$SCRATCH_MNT/.fill0" >/dev/null 2>&1
                	fi
                	free=$(daxspec_free_blocks)
                	if [ "$free" -gt "$want" ]; then
                		XFS_IO -f -c "falloc 0 $(((free - want) * bs))" "$SCRATCH_MNT/.fill1" >/dev/null 2>&1
                	else
                		XFS_IO -f -c "truncate 0" "$SCRATCH_MNT/.fill1" >/dev/null 2>&1
                	fi
                	sync
                	free=$(daxspec_free_blocks)
                	if [ "$free" -ne "$want" ]; then echo "daxspec_fill: $free blocks free, not $want"; fi
                }
                """.replace("XFS_IO", xfsIo).replace("DEVICE_NAME", deviceName);
    }

    static String echoCommand(String line) {
        return "echo " + ShellQuote.single("$ " + line) + "\n";
    }

    /** A placeholder command line with the placeholders as quoted variables. */
    static String run(String line) {
        return line.replace("SCRATCH_DEV", "\"$SCRATCH_DEV\"").replace("SCRATCH_MNT", "\"$SCRATCH_MNT\"");
    }

    /**
     * {@code xfsIo [-f] [-r] -c 'CMD' ... "$SCRATCH_MNT/FILE"}: each command one
     * single-quoted word, the path double-quoted.
     */
    static String xfsIoCommand(String xfsIo, Invocation inv) {
        return xfsIo + " " + xfsIoArguments(inv);
    }

    /** {@code [-f] [-r] -c 'CMD' ... "$SCRATCH_MNT/FILE"}, as {@link #xfsIoCommand} gives them. */
    static String xfsIoArguments(Invocation inv) {
        StringBuilder sb = new StringBuilder();
        if (inv.create()) {
            sb.append(" -f");
        }
        if (inv.readOnly()) {
            sb.append(" -r");
        }
        for (Op op : inv.ops()) {
            sb.append(" -c ").append(ShellQuote.single(op.toString()));
        }
        return sb.append(" \"$SCRATCH_MNT/").append(inv.file()).append('"').substring(1);
    }
}

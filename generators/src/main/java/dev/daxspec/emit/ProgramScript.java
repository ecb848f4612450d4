package dev.daxspec.emit;

import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.xfsio.Invocation;

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
     * the transcript shows it.
     */
    static final String KERNEL_LOG_FUNCTIONS = """
            daxspec_kernel_log_mark() {
            \tdaxspec_klog_mark="daxspec: kernel log mark $$.$RANDOM.$RANDOM"
            \techo "$daxspec_klog_mark" >/dev/kmsg
            }
            daxspec_kernel_log() {
            \tdmesg -r | awk -v m="$daxspec_klog_mark" '
            \t\tindex($0, m) { seen = 1; n = 0; next }
            \t\t{ line[n++] = $0 }
            \t\tEND {
            \t\t\tif (!seen) { print "<3>daxspec: the kernel log mark is missing"; exit }
            \t\t\tfor (i = 0; i < n; i++) print line[i]
            \t\t}' | sed -n -e 's/^<\\([0-4]\\)>\\(\\[ *[0-9]*\\.[0-9]*\\] \\)\\{0,1\\}/kernel: /p'
            }
            """;

    private ProgramScript() {
    }

    /** The bash that runs {@code program} and prints its raw transcript. */
    public static String body(Program program) {
        StringBuilder sb = new StringBuilder();
        sb.append(KERNEL_LOG_FUNCTIONS);
        if (program.steps().stream().anyMatch(FillStep.class::isInstance)) {
            sb.append(fillFunctions("xfs_io", "${SCRATCH_DEV##*/}"));
        }
        sb.append("umount \"$SCRATCH_MNT\" 2>/dev/null\n");
        String mkfs = ScratchCommands.mkfs(program.target());
        sb.append(echoCommand(mkfs));
        sb.append(run(mkfs)).append(" >/dev/null 2>&1 || { echo \"exit $?\"; exit 0; }\n");
        String mount = ScratchCommands.mount(program.target());
        sb.append(echoCommand(mount));
        sb.append("daxspec_kernel_log_mark\n");
        sb.append(run(mount)).append(" >/dev/null 2>&1\n");
        sb.append("status=$?\n");
        sb.append("daxspec_kernel_log\n");
        sb.append("if [ \"$status\" -ne 0 ]; then echo \"exit $status\"; exit 0; fi\n");
        StepVisitor<String> steps = new StepVisitor<>() {
            @Override
            public String xfsIo(XfsIoStep step) {
                // The braces' stderr goes to /dev/null so that bash's own report of a
                // signal ("Bus error") stays out; xfs_io's stderr goes with its stdout.
                return "{ " + xfsIoCommand("xfs_io", step.invocation()) + " 2>&1; status=$?; } 2>/dev/null\n"
                        + "if [ \"$status\" -ne 0 ]; then echo \"exit $status\"; fi\n";
            }

            @Override
            public String fill(FillStep step) {
                return "daxspec_fill " + step.freeBlocks() + "\n";
            }
        };
        for (Step step : program.steps()) {
            sb.append(echoCommand(step.toString()));
            sb.append(StepVisitor.visit(step, steps));
        }
        sb.append(echoCommand(ScratchCommands.umount()));
        sb.append(run(ScratchCommands.umount())).append(" >/dev/null 2>&1\n");
        return sb.toString();
    }

    /**
     * {@code daxspec_fill N}: leaves exactly N blocks free for files. Free blocks are
     * statfs's f_bfree less ext4's reserved clusters, which root's files cannot take; a big
     * filler leaves 64 blocks of slack for its own extent tree, then a small one takes the
     * rest.
     *
     * @param xfsIo how the script calls xfs_io: {@code xfs_io}, or {@code $XFS_IO_PROG} in xfstests
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
                	free=$(daxspec_free_blocks)
                	if [ "$free" -ne "$want" ]; then echo "daxspec_fill: $free blocks free, not $want"; fi
                }
                """.replace("XFS_IO", xfsIo).replace("DEVICE_NAME", deviceName);
    }

    private static String echoCommand(String line) {
        return "echo " + ShellQuote.single("$ " + line) + "\n";
    }

    /** A placeholder command line with the placeholders as quoted variables. */
    private static String run(String line) {
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

package dev.daxspec.emit;

import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.xfsio.Invocation;
import dev.daxspec.oracle.ops.Op;

/**
 * Renders a {@link Program} as bash that prints its transcript in the format of
 * {@link dev.daxspec.oracle.program.Transcript}: each command as {@code $ ...} with the
 * scratch device and mount spelled as placeholders, its output, {@code exit N} when it
 * fails, and the mount's kernel log lines of warning level and above as
 * {@code kernel: ...}. The output is raw: the caller applies the shared
 * {@link dev.daxspec.oracle.xfsio.TranscriptFilter}.
 *
 * <p>The script expects {@code SCRATCH_DEV} and {@code SCRATCH_MNT} to be set, and runs
 * under {@code set -u}. Stateless and thread-safe.
 */
public final class ProgramScript {

    /**
     * Prints the kernel log's warning-and-worse kernel lines without their timestamps:
     * {@code dmesg -r} prefixes each record with {@code <N>}, N = facility * 8 + level.
     */
    static final String KERNEL_LOG_FUNCTION = """
            daxspec_kernel_log() {
            \tdmesg -r | sed -n -e 's/^<\\([0-4]\\)>\\(\\[ *[0-9]*\\.[0-9]*\\] \\)\\{0,1\\}/kernel: /p'
            }
            """;

    /**
     * daxspec_fill N: leaves exactly N blocks free for files. Free blocks are statfs's
     * f_bfree less ext4's reserved clusters, which root's files cannot take; a big filler
     * leaves 64 blocks of slack for its own extent tree, then a small one takes the rest.
     */
    static final String FILL_FUNCTIONS = """
            daxspec_free_blocks() {
            	local free resv=0 f="/sys/fs/ext4/${SCRATCH_DEV##*/}/reserved_clusters"
            	free=$(stat -f -c %f "$SCRATCH_MNT")
            	if [ -r "$f" ]; then resv=$(cat "$f"); fi
            	echo $((free - resv))
            }
            daxspec_fill() {
            	local want=$1 bs free
            	bs=$(stat -f -c %S "$SCRATCH_MNT")
            	free=$(daxspec_free_blocks)
            	if [ "$free" -gt $((want + 64)) ]; then
            		xfs_io -f -c "falloc 0 $(((free - want - 64) * bs))" "$SCRATCH_MNT/.fill0" >/dev/null 2>&1
            	else
            		xfs_io -f -c "truncate 0" "$SCRATCH_MNT/.fill0" >/dev/null 2>&1
            	fi
            	free=$(daxspec_free_blocks)
            	if [ "$free" -gt "$want" ]; then
            		xfs_io -f -c "falloc 0 $(((free - want) * bs))" "$SCRATCH_MNT/.fill1" >/dev/null 2>&1
            	else
            		xfs_io -f -c "truncate 0" "$SCRATCH_MNT/.fill1" >/dev/null 2>&1
            	fi
            	free=$(daxspec_free_blocks)
            	if [ "$free" -ne "$want" ]; then echo "daxspec_fill: $free blocks free, not $want"; fi
            }
            """;

    private ProgramScript() {
    }

    /** The bash that runs {@code program} and prints its raw transcript. */
    public static String body(Program program) {
        StringBuilder sb = new StringBuilder();
        sb.append(KERNEL_LOG_FUNCTION);
        if (program.steps().stream().anyMatch(FillStep.class::isInstance)) {
            sb.append(FILL_FUNCTIONS);
        }
        sb.append("umount \"$SCRATCH_MNT\" 2>/dev/null\n");
        String mkfs = ScratchCommands.mkfs(program.target());
        sb.append(echoCommand(mkfs));
        sb.append(run(mkfs)).append(" >/dev/null 2>&1 || { echo \"exit $?\"; exit 0; }\n");
        String mount = ScratchCommands.mount(program.target());
        sb.append(echoCommand(mount));
        sb.append("dmesg -c >/dev/null\n");
        sb.append(run(mount)).append(" >/dev/null 2>&1\n");
        sb.append("status=$?\n");
        sb.append("daxspec_kernel_log\n");
        sb.append("if [ \"$status\" -ne 0 ]; then echo \"exit $status\"; exit 0; fi\n");
        for (Step step : program.steps()) {
            sb.append(echoCommand(step.toString()));
            if (step instanceof XfsIoStep x) {
                // The braces' stderr goes to /dev/null so that bash's own report of a
                // signal ("Bus error") stays out; xfs_io's stderr goes with its stdout.
                sb.append("{ ").append(xfsIo(x.invocation())).append(" 2>&1; status=$?; } 2>/dev/null\n");
                sb.append("if [ \"$status\" -ne 0 ]; then echo \"exit $status\"; fi\n");
            } else if (step instanceof FillStep f) {
                sb.append("daxspec_fill ").append(f.freeBlocks()).append('\n');
            }
        }
        sb.append(echoCommand(ScratchCommands.umount()));
        sb.append(run(ScratchCommands.umount())).append(" >/dev/null 2>&1\n");
        return sb.toString();
    }

    private static String echoCommand(String line) {
        return "echo " + ShellQuote.single("$ " + line) + "\n";
    }

    /** A placeholder command line with the placeholders as quoted variables. */
    private static String run(String line) {
        return line.replace("SCRATCH_DEV", "\"$SCRATCH_DEV\"").replace("SCRATCH_MNT", "\"$SCRATCH_MNT\"");
    }

    private static String xfsIo(Invocation inv) {
        StringBuilder sb = new StringBuilder("xfs_io");
        if (inv.create()) {
            sb.append(" -f");
        }
        if (inv.readOnly()) {
            sb.append(" -r");
        }
        for (Op op : inv.ops()) {
            sb.append(" -c ").append(ShellQuote.single(op.toString()));
        }
        return sb.append(" \"$SCRATCH_MNT/").append(inv.file()).append('"').toString();
    }
}

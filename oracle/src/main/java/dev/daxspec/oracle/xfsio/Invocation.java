package dev.daxspec.oracle.xfsio;

import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Mmap;
import dev.daxspec.oracle.ops.Mread;
import dev.daxspec.oracle.ops.Msync;
import dev.daxspec.oracle.ops.Munmap;
import dev.daxspec.oracle.ops.Mwrite;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Truncate;
import java.util.List;

/**
 * One run of xfs_io on one file of the scratch filesystem: {@code xfs_io [-f] [-r]
 * -c CMD ... FILE}; or of daxspec-probe, which takes the same command line for the
 * mapping commands and adds private mappings ({@code mmap -p}), printing what xfs_io
 * prints. Immutable.
 *
 * @param probe run daxspec-probe rather than xfs_io
 * @param create -f: create the file if it does not exist (O_CREAT, mode 0600)
 * @param readOnly -r: open it O_RDONLY
 * @param file the file's name in the scratch filesystem's root
 * @param ops the -c commands, in order
 */
public record Invocation(boolean probe, boolean create, boolean readOnly, String file, List<Op> ops) {

    /** The probe's commands: xfs_io's mapping commands, and punch and truncate to act under a mapping. */
    private static final List<Class<? extends Op>> PROBE_OPS =
            List.of(Mmap.class, Mread.class, Mwrite.class, Msync.class, Munmap.class, Fpunch.class, Truncate.class);

    public Invocation {
        ops = List.copyOf(ops);
        if (file.isEmpty() || file.contains("/") || file.startsWith("-")) {
            throw new BadCommand("file name '" + file + "' must be a plain name in the scratch filesystem's root");
        }
        for (Op op : ops) {
            if (!probe && op instanceof Mmap m && m.priv()) {
                throw new BadCommand("mmap -p: xfs_io maps only MAP_SHARED; private mappings need daxspec-probe");
            }
            if (probe && !probeRuns(op)) {
                throw new BadCommand("daxspec-probe runs only mmap, mread, mwrite, msync, munmap, fpunch and"
                        + " truncate, not '" + op + "'");
            }
        }
    }

    /** Whether daxspec-probe takes {@code op} (xfs_io takes every op but {@code mmap -p}). */
    public static boolean probeRuns(Op op) {
        return PROBE_OPS.stream().anyMatch(c -> c.isInstance(op));
    }

    /** An xfs_io run. */
    public Invocation(boolean create, boolean readOnly, String file, List<Op> ops) {
        this(false, create, readOnly, file, ops);
    }

    /** The program's name: {@code xfs_io} or {@code daxspec-probe}. */
    public String tool() {
        return probe ? "daxspec-probe" : "xfs_io";
    }

    /** The path as the test passes it, after xfstests' _filter_scratch. */
    public String path() {
        return "SCRATCH_MNT/" + file;
    }

    /** The command line with the scratch mount spelled {@code $SCRATCH_MNT}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(tool());
        if (create) {
            sb.append(" -f");
        }
        if (readOnly) {
            sb.append(" -r");
        }
        for (Op op : ops) {
            sb.append(" -c \"").append(op).append('"');
        }
        return sb.append(" $SCRATCH_MNT/").append(file).toString();
    }
}

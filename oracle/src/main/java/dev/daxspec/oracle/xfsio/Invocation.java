package dev.daxspec.oracle.xfsio;

import dev.daxspec.oracle.ops.Op;
import java.util.List;

/**
 * One run of xfs_io on one file of the scratch filesystem: {@code xfs_io [-f] [-r]
 * -c CMD ... FILE}. Immutable.
 *
 * @param create -f: create the file if it does not exist (O_CREAT, mode 0600)
 * @param readOnly -r: open it O_RDONLY
 * @param file the file's name in the scratch filesystem's root
 * @param ops the -c commands, in order
 */
public record Invocation(boolean create, boolean readOnly, String file, List<Op> ops) {

    public Invocation {
        ops = List.copyOf(ops);
        if (file.isEmpty() || file.contains("/") || file.startsWith("-")) {
            throw new BadCommand("file name '" + file + "' must be a plain name in the scratch filesystem's root");
        }
    }

    /** The path as the test passes it, after xfstests' _filter_scratch. */
    public String path() {
        return "SCRATCH_MNT/" + file;
    }

    /** The command line with the scratch mount spelled {@code $SCRATCH_MNT}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("xfs_io");
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

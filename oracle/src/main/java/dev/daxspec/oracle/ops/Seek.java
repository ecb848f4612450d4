package dev.daxspec.oracle.ops;

/**
 * {@code seek -a|-d|-h [-r] [-s] off}: lseek(2) with SEEK_DATA and/or SEEK_HOLE, printed
 * as xfs_io's {@code Whence\tResult} table.
 *
 * @param data -d (or -a)
 * @param hole -h (or -a)
 * @param repeat -r: every remaining data and hole offset, not just the next
 * @param showStart -s: also print the starting offset of each search
 */
public record Seek(boolean data, boolean hole, boolean repeat, boolean showStart, long offset) implements Op {

    public Seek {
        if (!data && !hole) {
            throw new IllegalArgumentException("seek needs -a, -d or -h");
        }
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.seek(this);
    }

    @Override
    public String toString() {
        String which = data && hole ? "-a" : data ? "-d" : "-h";
        return "seek " + which + (repeat ? " -r" : "") + (showStart ? " -s" : "") + " " + offset;
    }
}

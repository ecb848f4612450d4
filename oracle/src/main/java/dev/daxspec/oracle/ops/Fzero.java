package dev.daxspec.oracle.ops;

/** {@code fzero [-k] off len}: fallocate(2) with FALLOC_FL_ZERO_RANGE, plus KEEP_SIZE with -k. */
public record Fzero(boolean keepSize, long offset, long length) implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.fzero(this);
    }

    @Override
    public String toString() {
        return "fzero " + (keepSize ? "-k " : "") + offset + " " + length;
    }
}

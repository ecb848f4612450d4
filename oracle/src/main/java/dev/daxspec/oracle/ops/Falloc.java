package dev.daxspec.oracle.ops;

/** {@code falloc [-k] off len}: fallocate(2) with mode 0, or FALLOC_FL_KEEP_SIZE with -k. */
public record Falloc(boolean keepSize, long offset, long length) implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.falloc(this);
    }

    @Override
    public String toString() {
        return "falloc " + (keepSize ? "-k " : "") + offset + " " + length;
    }
}

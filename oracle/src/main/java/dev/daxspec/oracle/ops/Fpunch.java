package dev.daxspec.oracle.ops;

/** {@code fpunch off len}: fallocate(2) with FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE. */
public record Fpunch(long offset, long length) implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.fpunch(this);
    }

    @Override
    public String toString() {
        return "fpunch " + offset + " " + length;
    }
}

package dev.daxspec.oracle.ops;

/** {@code fdatasync}: fdatasync(2). */
public record Fdatasync() implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.fdatasync(this);
    }

    @Override
    public String toString() {
        return "fdatasync";
    }
}

package dev.daxspec.oracle.ops;

/** {@code fsync}: fsync(2). */
public record Fsync() implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.fsync(this);
    }

    @Override
    public String toString() {
        return "fsync";
    }
}

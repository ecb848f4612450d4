package dev.daxspec.oracle.ops;

/** {@code truncate size}: ftruncate(2). */
public record Truncate(long size) implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.truncate(this);
    }

    @Override
    public String toString() {
        return "truncate " + size;
    }
}

package dev.daxspec.oracle.ops;

/** {@code sync}: sync(2), which writes back and commits the whole filesystem. */
public record Sync() implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.sync(this);
    }

    @Override
    public String toString() {
        return "sync";
    }
}

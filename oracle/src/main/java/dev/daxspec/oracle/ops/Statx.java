package dev.daxspec.oracle.ops;

/** {@code statx [-r]}: statx(2); {@code -r} prints the raw structure, attributes included. */
public record Statx(boolean raw) implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.statx(this);
    }

    @Override
    public String toString() {
        return raw ? "statx -r" : "statx";
    }
}

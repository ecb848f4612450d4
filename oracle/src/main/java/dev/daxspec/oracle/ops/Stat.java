package dev.daxspec.oracle.ops;

/** {@code stat}: fstat(2), printed as xfs_io prints it (with fsxattr and dioattr on xfs). */
public record Stat() implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.stat(this);
    }

    @Override
    public String toString() {
        return "stat";
    }
}

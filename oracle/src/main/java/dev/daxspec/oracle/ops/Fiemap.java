package dev.daxspec.oracle.ops;

/** {@code fiemap [-v]}: FS_IOC_FIEMAP over the whole file, with FIEMAP_FLAG_SYNC. */
public record Fiemap(boolean verbose) implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.fiemap(this);
    }

    @Override
    public String toString() {
        return verbose ? "fiemap -v" : "fiemap";
    }
}

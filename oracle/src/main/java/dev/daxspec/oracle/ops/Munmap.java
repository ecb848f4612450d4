package dev.daxspec.oracle.ops;

/** {@code munmap}: unmaps the current mapping and lists the ones left. */
public record Munmap() implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.munmap(this);
    }

    @Override
    public String toString() {
        return "munmap";
    }
}

package dev.daxspec.oracle.ops;

import java.util.OptionalLong;

/** {@code msync [-a] [-i] [-s] [off len]}: msync(2) on the current mapping; only {@code -s} (MS_SYNC) syncs. */
public record Msync(boolean async, boolean invalidate, boolean sync, OptionalLong offset, OptionalLong length)
        implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.msync(this);
    }

    @Override
    public String toString() {
        String flags = (async ? "a" : "") + (invalidate ? "i" : "") + (sync ? "s" : "");
        return "msync" + (flags.isEmpty() ? "" : " -" + flags)
                + (offset.isPresent() ? " " + offset.getAsLong() + " " + length.getAsLong() : "");
    }
}

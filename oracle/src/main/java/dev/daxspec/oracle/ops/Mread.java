package dev.daxspec.oracle.ops;

import java.util.OptionalLong;

/**
 * {@code mread [-v|-f] [off len]}: loads every byte of the range through the current
 * mapping (the whole mapping without a range); {@code -v} dumps them with offsets into
 * the mapping, {@code -f} with file offsets.
 */
public record Mread(boolean verbose, boolean fileOffsets, OptionalLong offset, OptionalLong length) implements Op {

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.mread(this);
    }

    @Override
    public String toString() {
        return "mread" + (fileOffsets ? " -f" : verbose ? " -v" : "")
                + (offset.isPresent() ? " " + offset.getAsLong() + " " + length.getAsLong() : "");
    }
}

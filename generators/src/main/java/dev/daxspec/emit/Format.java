package dev.daxspec.emit;

import java.util.Locale;

/** The kinds of suite the emitters write. */
public enum Format {
    /** Standalone bash scripts with their expected output and a runner, {@code run.sh}. */
    SHELL,
    /** Tests in an xfstests tree, {@code tests/GROUP/NNN} and {@code NNN.out}. */
    XFSTESTS;

    /** {@code shell} or {@code xfstests}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #label()}; the message lists the formats. */
    public static Format parse(String text) {
        for (Format f : values()) {
            if (f.label().equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "' (known: shell, xfstests)");
    }
}

package dev.daxspec.emit;

/** Quoting for bash. */
public final class ShellQuote {

    private ShellQuote() {
    }

    /** {@code text} as one single-quoted bash word: {@code 'it'\''s'}. */
    public static String single(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}

package dev.daxspec.emit;

/** Quoting for bash. */
public final class ShellQuote {

    private ShellQuote() {}

    /** {@code text} as one single-quoted bash word: {@code 'it'\''s'}. */
    public static String single(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** {@code text} as one double-quoted bash word, {@code \ " $ `} escaped: {@code "a \"b\""}. */
    public static String doubled(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}

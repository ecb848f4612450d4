package dev.daxspec.conform;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into words the way a shell does for plain quoting. */
final class Words {

    private Words() {}

    /**
     * Whitespace separates words; {@code '...'} and {@code "..."} quote (no escapes inside
     * single quotes, {@code \"} and {@code \\} inside double quotes).
     *
     * @throws IllegalArgumentException for an unterminated quote
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < line.length() && line.charAt(end) != c) {
                    if (c == '"' && line.charAt(end) == '\\' && end + 1 < line.length()) {
                        w.append(line.charAt(end + 1));
                        end += 2;
                        continue;
                    }
                    w.append(line.charAt(end));
                    end++;
                }
                if (end >= line.length()) {
                    throw new IllegalArgumentException("unterminated " + c + " quote");
                }
                i = end;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}

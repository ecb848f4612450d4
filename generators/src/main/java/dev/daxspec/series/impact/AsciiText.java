package dev.daxspec.series.impact;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines of plain ASCII text for a terminal or a mail: accents dropped, other characters as
 * {@code ?}, wrapped at {@link #WIDTH} columns on spaces (a single word longer than a line
 * stays whole). Used by the reports of this package.
 */
final class AsciiText {

    /** The widest line, as a mail reader shows it unwrapped. */
    static final int WIDTH = 78;

    private final List<String> lines = new ArrayList<>();

    /** Adds one line as it is (made ASCII, trailing spaces dropped). */
    void line(String s) {
        lines.add(ascii(s).stripTrailing());
    }

    /** Adds {@code first + text}, continuing with {@code indent}, breaking at spaces. */
    void wrap(String first, String indent, String text) {
        String prefix = first;
        StringBuilder cur = new StringBuilder();
        for (String word : ascii(text).split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (cur.length() > 0 && prefix.length() + cur.length() + 1 + word.length() > WIDTH) {
                line(prefix + cur);
                prefix = indent;
                cur.setLength(0);
            }
            if (cur.length() > 0) {
                cur.append(' ');
            }
            cur.append(word);
        }
        line(prefix + cur);
    }

    /** Adds the lines of {@code other}. */
    void append(AsciiText other) {
        lines.addAll(other.lines);
    }

    /** @return the number of lines so far */
    int size() {
        return lines.size();
    }

    /**
     * @return the lines, each ended by a newline, with no blank line at the end and no two
     *     blank lines in a row
     */
    String text() {
        StringBuilder b = new StringBuilder();
        String previous = "";
        for (String l : lines) {
            if (!(l.isEmpty() && previous.isEmpty())) {
                b.append(l).append('\n');
            }
            previous = l;
        }
        while (b.length() >= 2 && b.charAt(b.length() - 1) == '\n' && b.charAt(b.length() - 2) == '\n') {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    /** {@code n what}, plural with an s. */
    static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** Plain ASCII: accents dropped, tabs as spaces, anything else as '?'. */
    static String ascii(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .replace('\t', ' ');
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}

package dev.daxspec.series.impact;

import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The subsystem rules: a reviewed text file that maps historical or related
 * code to the code the features' {@code @touches:} tags name, so that a
 * patch to {@code mm/filemap_xip.c:__xip_file_write} (XIP, Linux 2.6) selects
 * the scenarios that guard {@code fs/dax.c:dax_iomap_rw} (its successor).
 *
 * <h2>Format</h2>
 * <pre>
 * # Comment lines start with '#'. Every rule must have a comment directly
 * # above it (no blank line between) citing the commit or mailing-list thread behind it.
 * FROM -&gt; TO [TO ...]
 *     [TO ...]              (indented lines continue the rule above)
 * </pre>
 * FROM and each TO are written like {@code @touches:} targets without the
 * prefix: {@code path/file.c:function}, {@code path/file.c}, or
 * {@code path/dir/}. A TO may also be a scenario tag, {@code @name}, which
 * selects every scenario carrying that tag.
 *
 * <h2>Meaning</h2>
 * A change that touches code matching FROM counts as touching every TO: a
 * scenario is selected if one of its {@code @touches:} targets overlaps a TO
 * (one contains the other: a directory what is under it, a file its
 * functions) or it carries a TO tag. For each piece of code a change touches
 * only the most specific matching rules apply: function rules before file
 * rules, file rules before directory rules, deeper directories before
 * shallower ones. So {@code mm/filemap_xip.c -> fs/dax.c} is the fallback
 * for the functions of {@code mm/filemap_xip.c} that have no rule of their
 * own. Rules apply once: their targets are not matched against other rules.
 *
 * <p>Immutable and thread-safe.
 */
public final class TouchRules {

    private static final Pattern TAG = Pattern.compile("@[A-Za-z0-9_:./-]+");

    private final List<TouchRule> rules;

    private TouchRules(List<TouchRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @return rules that map nothing */
    public static TouchRules none() {
        return new TouchRules(List.of());
    }

    /**
     * @param file a rules file
     * @return its rules
     * @throws SeriesException if it cannot be read or a line is malformed
     */
    public static TouchRules parse(Path file) throws SeriesException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new SeriesException(
                    Problem.UNREADABLE, "cannot read touches rules " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param text the rules file's contents
     * @param source the file's name, for messages and reasons
     * @return its rules
     * @throws SeriesException naming {@code source:line} if a line is malformed
     *     or a rule has no comment above it
     */
    public static TouchRules parse(String text, String source) throws SeriesException {
        List<TouchRule> out = new ArrayList<>();
        List<String> comment = new ArrayList<>();
        boolean lastWasRule = false;
        int n = 0;
        for (String raw : text.split("\n", -1)) {
            n++;
            String l = raw.stripTrailing();
            if (l.isBlank()) {
                comment.clear();
                lastWasRule = false;
                continue;
            }
            if (l.startsWith("#")) {
                if (lastWasRule) {
                    comment.clear();
                }
                comment.add(l.replaceFirst("^#\\s?", ""));
                lastWasRule = false;
                continue;
            }
            if (Character.isWhitespace(l.charAt(0))) {
                if (!lastWasRule) {
                    throw bad(source, n, "an indented line continues no rule");
                }
                TouchRule prev = out.remove(out.size() - 1);
                List<String> to = new ArrayList<>(prev.to());
                to.addAll(targets(l.strip(), source, n));
                out.add(new TouchRule(source, prev.line(), prev.from(), to, prev.comment()));
                continue;
            }
            int arrow = l.indexOf("->");
            if (arrow < 0 || l.indexOf("->", arrow + 2) >= 0) {
                throw bad(source, n, "expected 'FROM -> TO [TO ...]'");
            }
            if (comment.isEmpty()) {
                throw bad(source, n, "rule has no comment above it citing the commit or mailing-list thread");
            }
            TouchTarget from;
            try {
                from = TouchTarget.parse(l.substring(0, arrow));
            } catch (IllegalArgumentException e) {
                throw bad(source, n, e.getMessage());
            }
            checkLast(out, source);
            List<String> to = targets(l.substring(arrow + 2).strip(), source, n);
            out.add(new TouchRule(source, n, from, to, String.join("\n", comment)));
            comment.clear();
            lastWasRule = true;
        }
        checkLast(out, source);
        return new TouchRules(out);
    }

    /** A rule may put all its targets on continuation lines, but must have some. */
    private static void checkLast(List<TouchRule> out, String source) throws SeriesException {
        if (!out.isEmpty() && out.get(out.size() - 1).to().isEmpty()) {
            TouchRule r = out.get(out.size() - 1);
            throw bad(source, r.line(), "rule maps " + r.from() + " to nothing");
        }
    }

    private static List<String> targets(String text, String source, int line) throws SeriesException {
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String t : text.split("\\s+")) {
            if (t.startsWith("@")) {
                if (!TAG.matcher(t).matches()) {
                    throw bad(source, line, "'" + t + "' is not a tag");
                }
                out.add(t);
                continue;
            }
            try {
                out.add(TouchTarget.parse(t).toString());
            } catch (IllegalArgumentException e) {
                throw bad(source, line, e.getMessage());
            }
        }
        return out;
    }

    private static SeriesException bad(String source, int line, String why) {
        return new SeriesException(Problem.BAD_RULES, source + ":" + line + ": " + why);
    }

    /** @return the rules in file order */
    public List<TouchRule> rules() {
        return rules;
    }

    /**
     * @param touched code a change touches (a function, or a whole file)
     * @return the most specific rules whose FROM contains it, in file order
     */
    public List<TouchRule> applicable(TouchTarget touched) {
        int best = -1;
        List<TouchRule> out = new ArrayList<>();
        for (TouchRule r : rules) {
            if (!r.from().contains(touched)) {
                continue;
            }
            int s = r.from().specificity();
            if (s > best) {
                best = s;
                out.clear();
            }
            if (s == best) {
                out.add(r);
            }
        }
        return out;
    }
}

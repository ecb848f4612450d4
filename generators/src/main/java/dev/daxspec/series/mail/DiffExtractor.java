package dev.daxspec.series.mail;

import dev.daxspec.series.Diagnostic.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the patch in a mail body and rewrites it as a clean git-style diff
 * for JGit's parser.
 *
 * <p>Quoted lines ({@code >} in the first column) are dropped first, so a
 * reply that quotes a patch has no patch. Recognised file headers: git's
 * {@code diff --git a/X b/Y} with its extended header lines; quilt's
 * {@code Index: path} and {@code ====} lines followed by {@code --- }/
 * {@code +++ } lines; and plain {@code --- }/{@code +++ } pairs followed by a
 * hunk. Traditional names lose their first path component, as
 * {@code patch -p1} does ({@code linux-2.6.orig/mm/filemap_xip.c} is
 * {@code mm/filemap_xip.c}), and a trailing tab-separated timestamp.
 *
 * <p>Each hunk is read for exactly the number of lines its header declares,
 * so what follows the patch (a {@code --} signature, the next message of a
 * web archive) is never taken for a hunk line; an empty line inside a hunk is
 * read as an empty context line (mailers strip the trailing space). A hunk
 * that ends early is reported (the mail is truncated or damaged) and kept
 * with its counts cut to the lines present, so its functions still count.
 *
 * <p>Stateless and thread-safe.
 */
public final class DiffExtractor {

    /**
     * A problem found while extracting, at a line of the body.
     *
     * @param bodyLine 0-based line of the body
     * @param severity how bad
     * @param message what, one line
     */
    public record Problem(int bodyLine, Severity severity, String message) {}

    /**
     * What a body holds.
     *
     * @param description the unquoted text before the patch, up to the last
     *     {@code ---} line before it: the changelog and its trailers (notes
     *     above an earlier {@code ---} stay in it)
     * @param patch the patch as a git-style diff, empty if there is none
     * @param patchLines for each line of {@code patch}, the 0-based line of the body it was
     *     read from (a line the rewrite adds, such as quilt's {@code diff --git}, the line of
     *     the file header it stands for): where JGit's parse errors are in the mail
     * @param files the number of files in the patch
     * @param quotedPatch whether quoted lines held a diff (a reply quoting a patch)
     * @param problems problems met
     */
    public record Extracted(
            String description,
            String patch,
            List<Integer> patchLines,
            int files,
            boolean quotedPatch,
            List<Problem> problems) {
        /** Copies the lists. */
        public Extracted {
            patchLines = List.copyOf(patchLines);
            problems = List.copyOf(problems);
        }
    }

    /** The git-style patch being written, and the body line of each of its lines. */
    private static final class Out {
        final StringBuilder text = new StringBuilder();
        final List<Integer> from = new ArrayList<>();

        /** Appends {@code line} and a newline, read from body line {@code bodyLine}. */
        void line(String line, int bodyLine) {
            text.append(line).append('\n');
            from.add(bodyLine);
        }

        int length() {
            return text.length();
        }
    }

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@ ?(.*)");
    private static final Pattern DIFF_GIT = Pattern.compile("diff --git (\\S+) (\\S+)\\s*");
    private static final List<String> GIT_EXTENDED = List.of(
            "old mode ",
            "new mode ",
            "deleted file mode ",
            "new file mode ",
            "similarity index ",
            "dissimilarity index ",
            "rename from ",
            "rename to ",
            "copy from ",
            "copy to ",
            "index ",
            "Binary files ");

    private DiffExtractor() {}

    /**
     * @param body a decoded mail body
     * @return the description and the patch
     */
    public static Extracted extract(String body) {
        List<String> all = body.lines().toList();
        List<String> lines = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        boolean quotedPatch = false;
        for (int i = 0; i < all.size(); i++) {
            String l = all.get(i);
            if (l.startsWith(">")) {
                String q = l.replaceFirst("^[> ]+", "");
                quotedPatch |= q.startsWith("diff --git ")
                        || q.startsWith("+++ ")
                        || HUNK.matcher(q).matches();
                continue;
            }
            lines.add(l);
            where.add(i);
        }
        Out out = new Out();
        List<Problem> problems = new ArrayList<>();
        int descriptionEnd = -1;
        int separator = -1;
        int files = 0;
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            int start = i;
            if (l.startsWith("diff --git ")) {
                i = gitFile(lines, where, i, out, problems);
            } else if (l.startsWith("--- ")
                    && i + 2 < lines.size()
                    && lines.get(i + 1).startsWith("+++ ")
                    && HUNK.matcher(lines.get(i + 2)).matches()) {
                i = traditionalFile(lines, where, i, out, problems);
            } else if (l.startsWith("--- ")
                    && i + 2 < lines.size()
                    && lines.get(i + 1).startsWith("+++ ")
                    && lines.get(i + 2).startsWith("@@")) {
                problems.add(damagedHunkHeader(
                        where.get(i + 2), name(lines.get(i + 1).substring(4)), lines.get(i + 2)));
                i += 3;
                continue;
            } else {
                if (files == 0 && l.equals("---")) {
                    separator = i; // the last one before the patch ends the changelog
                }
                i++;
                continue;
            }
            if (files == 0) {
                descriptionEnd = separator >= 0 ? separator : start;
                // a quilt Index: header and its ==== line belong to the patch
                while (descriptionEnd > 0
                        && (lines.get(descriptionEnd - 1).startsWith("Index: ")
                                || lines.get(descriptionEnd - 1).matches("={10,}"))) {
                    descriptionEnd--;
                }
            }
            files++;
        }
        if (descriptionEnd < 0) {
            descriptionEnd = separator >= 0 ? separator : lines.size();
        }
        String description = String.join("\n", lines.subList(0, descriptionEnd));
        return new Extracted(
                description.isEmpty() ? "" : description + "\n",
                out.text.toString(),
                out.from,
                files,
                quotedPatch,
                problems);
    }

    private static int gitFile(List<String> lines, List<Integer> where, int i, Out out, List<Problem> problems) {
        out.line(lines.get(i), where.get(i));
        Matcher d = DIFF_GIT.matcher(lines.get(i));
        String name = d.matches() ? strip1(d.group(2)) : lines.get(i).substring(11);
        i++;
        while (i < lines.size() && isExtended(lines.get(i))) {
            out.line(lines.get(i), where.get(i));
            i++;
        }
        if (i < lines.size() && lines.get(i).startsWith("GIT binary patch")) {
            while (i < lines.size()
                    && !lines.get(i).startsWith("diff --git ")
                    && !lines.get(i).equals("-- ")) {
                out.line(lines.get(i), where.get(i));
                i++;
            }
            return i;
        }
        if (i + 1 < lines.size()
                && lines.get(i).startsWith("--- ")
                && lines.get(i + 1).startsWith("+++ ")) {
            out.line(lines.get(i), where.get(i));
            out.line(lines.get(i + 1), where.get(i + 1));
            i += 2;
        }
        return hunks(lines, where, i, name, out, problems);
    }

    private static int traditionalFile(
            List<String> lines, List<Integer> where, int i, Out out, List<Problem> problems) {
        String oldName = name(lines.get(i).substring(4));
        String newName = name(lines.get(i + 1).substring(4));
        Matcher h = HUNK.matcher(lines.get(i + 2));
        h.matches();
        boolean add = oldName == null || (h.group(1).equals("0") && "0".equals(h.group(2)));
        boolean del = newName == null || (h.group(3).equals("0") && "0".equals(h.group(4)));
        String path = del ? (oldName != null ? oldName : newName) : (newName != null ? newName : oldName);
        out.line("diff --git a/" + path + " b/" + path, where.get(i));
        if (add) {
            out.line("new file mode 100644", where.get(i));
        } else if (del) {
            out.line("deleted file mode 100644", where.get(i));
        }
        out.line(add ? "--- /dev/null" : "--- a/" + path, where.get(i));
        out.line(del ? "+++ /dev/null" : "+++ b/" + path, where.get(i + 1));
        return hunks(lines, where, i + 2, path, out, problems);
    }

    private static int hunks(
            List<String> lines, List<Integer> where, int i, String file, Out out, List<Problem> problems) {
        while (i < lines.size()) {
            Matcher h = HUNK.matcher(lines.get(i));
            if (!h.matches()) {
                if (lines.get(i).startsWith("@@")) {
                    problems.add(damagedHunkHeader(where.get(i), file, lines.get(i)));
                }
                return i;
            }
            int oldLeft = h.group(2) == null ? 1 : Integer.parseInt(h.group(2));
            int newLeft = h.group(4) == null ? 1 : Integer.parseInt(h.group(4));
            int oldTotal = oldLeft;
            int newTotal = newLeft;
            int headerAt = i;
            int headerOut = out.length();
            out.line(lines.get(i), where.get(i));
            i++;
            while ((oldLeft > 0 || newLeft > 0) && i < lines.size()) {
                String l = lines.get(i);
                char k = l.isEmpty() ? ' ' : l.charAt(0);
                if (k == ' ' && oldLeft > 0 && newLeft > 0) {
                    oldLeft--;
                    newLeft--;
                    out.line(l.isEmpty() ? " " : l, where.get(i));
                } else if (k == '-' && oldLeft > 0) {
                    oldLeft--;
                    out.line(l, where.get(i));
                } else if (k == '+' && newLeft > 0) {
                    newLeft--;
                    out.line(l, where.get(i));
                } else if (k == '\\') {
                    out.line(l, where.get(i));
                } else {
                    break;
                }
                i++;
            }
            if (oldLeft > 0 || newLeft > 0) {
                problems.add(new Problem(
                        where.get(headerAt),
                        Severity.ERROR,
                        file + ": hunk "
                                + lines.get(headerAt).replaceFirst(" @@ .*", " @@") + " ends after "
                                + (oldTotal - oldLeft) + " of " + oldTotal + " old and "
                                + (newTotal - newLeft) + " of " + newTotal
                                + " new lines: the patch is truncated or damaged"));
                // keep what is there: rewrite the counts so the rest still parses
                String fixed = "@@ -" + h.group(1) + "," + (oldTotal - oldLeft) + " +" + h.group(3) + ","
                        + (newTotal - newLeft) + " @@" + (h.group(5).isEmpty() ? "" : " " + h.group(5));
                out.text.replace(headerOut, headerOut + lines.get(headerAt).length(), fixed);
                return i;
            }
            if (i < lines.size() && lines.get(i).startsWith("\\ ")) {
                out.line(lines.get(i), where.get(i));
                i++;
            }
        }
        return i;
    }

    /** A line that starts a hunk but whose line numbers do not read. */
    private static Problem damagedHunkHeader(int bodyLine, String file, String header) {
        String h = header.length() > 60 ? header.substring(0, 60) + "..." : header;
        return new Problem(
                bodyLine,
                Severity.ERROR,
                file + ": damaged hunk header '" + h + "': expected @@ -START[,COUNT] +START[,COUNT] @@");
    }

    private static boolean isExtended(String l) {
        for (String p : GIT_EXTENDED) {
            if (l.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** A traditional file name: timestamp removed, first component stripped; null for /dev/null. */
    private static String name(String raw) {
        String n = raw;
        int tab = n.indexOf('\t');
        if (tab >= 0) {
            n = n.substring(0, tab);
        }
        n = n.strip();
        if (n.equals("/dev/null")) {
            return null;
        }
        return strip1(n);
    }

    private static String strip1(String n) {
        int slash = n.indexOf('/');
        return slash < 0 ? n : n.substring(slash + 1);
    }
}

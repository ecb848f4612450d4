package dev.daxspec.series.diff;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffDriver;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * JGit's {@link DiffFormatter} printing the hunk-header function names git prints: for a
 * file with a diff driver (Linux's {@code .gitattributes} says {@code *.[ch] diff=cpp}), the
 * nearest line before the hunk that the driver's patterns (JGit's {@link DiffDriver}) take;
 * for a file without one, where JGit prints none, git's default. The line is looked for
 * here, not by JGit: git starts at the line before the hunk and goes down to the first line
 * of the file (xdiff/xemit.c, get_func_line(..., s1 - 1, ...)), JGit's DiffFormatter at the
 * hunk's own first line and stops before the file's first, so a hunk whose first context
 * line is {@code static int b(void)} is {@code static int a(void)}'s for git (checked with
 * git 2.39) and {@code b}'s for JGit 7.4. Histogram diff, 3 lines of context, as git's
 * defaults. Not thread-safe: one file at a time.
 */
final class GitHunkFormatter extends DiffFormatter {

    /** Git's limit on a hunk header's function name, in bytes (xdiff's func_line buffer). */
    private static final int FUNCNAME_MAX = 80;

    private RawText old;
    private DiffDriver driver;

    GitHunkFormatter(OutputStream out) {
        super(out);
        setContext(FileChangeAnalyzer.CONTEXT);
        setDiffAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
        setDiffComparator(RawTextComparator.DEFAULT);
    }

    @Override
    public void format(EditList edits, RawText a, RawText b, DiffDriver driver) throws IOException {
        old = a;
        this.driver = driver;
        super.format(edits, a, b, driver);
    }

    @Override
    protected void writeHunkHeader(int aStartLine, int aEndLine, int bStartLine, int bEndLine, String funcName)
            throws IOException {
        String name = funcname(old, aStartLine, driver);
        super.writeHunkHeader(aStartLine, aEndLine, bStartLine, bEndLine, name.isEmpty() ? null : name);
    }

    /**
     * The function name git prints in the header of a hunk starting at 0-based line
     * {@code hunkStart} of {@code a}: the nearest earlier line the driver's patterns take (not
     * one its negative patterns take: a label, {@code retry:}), leading blanks removed; without
     * a driver, git's default, the nearest earlier line starting with a letter, {@code _} or
     * {@code $}. At most 80 bytes, trailing blanks removed; empty when no line fits.
     */
    static String funcname(RawText a, int hunkStart, DiffDriver driver) {
        for (int l = hunkStart - 1; l >= 0; l--) {
            String s = a.getString(l);
            if (driver == null
                    ? startsAFunction(s)
                    : matches(driver.getMatchPatterns(), s) && !matches(driver.getNegatePatterns(), s)) {
                String name = driver == null ? s : s.replaceFirst("^[ \\t]+", "");
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                if (bytes.length > FUNCNAME_MAX) {
                    name = new String(bytes, 0, FUNCNAME_MAX, StandardCharsets.UTF_8);
                }
                return name.stripTrailing();
            }
        }
        return "";
    }

    private static boolean startsAFunction(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char ch = s.charAt(0);
        return Character.isLetter(ch) || ch == '_' || ch == '$';
    }

    private static boolean matches(List<Pattern> patterns, String s) {
        return patterns.stream().anyMatch(p -> p.matcher(s).find());
    }
}

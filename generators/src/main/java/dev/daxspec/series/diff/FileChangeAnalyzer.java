package dev.daxspec.series.diff;

import dev.daxspec.series.ChangeKind;
import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.Diagnostic.Severity;
import dev.daxspec.series.FunctionBasis;
import dev.daxspec.series.Hunk;
import dev.daxspec.series.clang.CFunction;
import dev.daxspec.series.clang.CFunctionLocator;
import dev.daxspec.series.clang.CSourceMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.FileHeader.PatchType;
import org.eclipse.jgit.patch.HunkHeader;

/**
 * Turns one file's change into a {@link ChangedFile}: the hunks and the
 * functions whose lines the change adds or removes.
 *
 * <p>With both versions of the file ({@link #fromContents}), the change is
 * diffed with JGit's histogram diff into git-style hunks (3 lines of
 * context), and each added or removed line is looked up in the function map
 * of its own version of the file: removed lines in the old file, added lines
 * in the new. This is exact whatever the hunk headers say: a hunk that starts
 * inside a function whose header line is not shown, a hunk spanning two
 * functions, a function whose signature is in the hunk. If a version's braces
 * do not balance, the hunks are read as fragments instead and a warning says
 * so.
 *
 * <p>With the patch alone ({@link #fromPatch}), each hunk's pre- and
 * post-image is scanned as a fragment, assuming it starts inside the function
 * its header context names (see {@link CFunctionLocator#locateFragment}).
 *
 * <p>Only changed lines count: context lines never make a function touched.
 * A changed line outside any function counts ({@code outsideFunctions}) only
 * if it carries code, not if it is blank or a comment.
 *
 * <p>Stateless apart from the cache it is given; thread-safe if the cache is
 * not shared.
 */
public final class FileChangeAnalyzer {

    /** Lines of context in the hunks made from file contents, as git's default. */
    public static final int CONTEXT = 3;

    private static final int FUNCNAME_MAX = 80;

    private FileChangeAnalyzer() {
    }

    /**
     * @param path a repository path
     * @return whether the file is C source or a C header
     */
    public static boolean isC(String path) {
        return path != null && (path.endsWith(".c") || path.endsWith(".h"));
    }

    /**
     * Analyses a change whose both versions are known.
     *
     * @param oldPath path before, null for an added file
     * @param newPath path after, null for a deleted file
     * @param change how the file changes
     * @param oldId blob id of the old content, or null
     * @param oldBytes old content (empty for an added file)
     * @param newId blob id of the new content, or null
     * @param newBytes new content (empty for a deleted file)
     * @param cache function maps of recently seen blobs
     * @param source what to name in diagnostics (commit or message)
     * @param diagnostics receives warnings
     * @return the analysed change
     */
    public static ChangedFile fromContents(String oldPath, String newPath, ChangeKind change,
            ObjectId oldId, byte[] oldBytes, ObjectId newId, byte[] newBytes,
            SourceMapCache cache, String source, List<Diagnostic> diagnostics) {
        String path = newPath != null ? newPath : oldPath;
        if (RawText.isBinary(oldBytes) || RawText.isBinary(newBytes)) {
            return new ChangedFile(oldPath, newPath, change, FunctionBasis.NONE, List.of(), true,
                    List.of());
        }
        RawText a = new RawText(oldBytes);
        RawText b = new RawText(newBytes);
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        boolean c = isC(path);
        CSourceMap oldMap = null;
        CSourceMap newMap = null;
        if (c) {
            oldMap = cache.map(oldId, oldBytes);
            newMap = cache.map(newId, newBytes);
            CSourceMap bad = !oldMap.isClean() ? oldMap : !newMap.isClean() ? newMap : null;
            if (bad != null && !edits.isEmpty()) {
                diagnostics.add(new Diagnostic(Severity.WARNING, source, 0, path + ": "
                        + bad.problems().get(0) + " in the " + (bad == oldMap ? "old" : "new")
                        + " version; functions read from the hunks instead"));
                oldMap = null;
                newMap = null;
            }
        }
        SortedSet<String> all = new TreeSet<>();
        boolean outside = !c && !edits.isEmpty();
        List<Hunk> hunks = new ArrayList<>();
        for (List<Edit> group : group(edits, a.size())) {
            Edit first = group.get(0);
            Edit last = group.get(group.size() - 1);
            int pre = Math.min(CONTEXT, first.getBeginA());
            int post = Math.min(CONTEXT, a.size() - last.getEndA());
            int oldStart = first.getBeginA() - pre;
            int newStart = first.getBeginB() - pre;
            int oldCount = last.getEndA() + post - oldStart;
            int newCount = last.getEndB() + post - newStart;
            String context = gitFuncname(a, oldStart);
            SortedSet<String> fs = new TreeSet<>();
            if (c && oldMap != null) {
                for (Edit e : group) {
                    for (int l = e.getBeginA(); l < e.getEndA(); l++) {
                        outside |= touch(oldMap, l + 1, fs);
                    }
                    for (int l = e.getBeginB(); l < e.getEndB(); l++) {
                        outside |= touch(newMap, l + 1, fs);
                    }
                }
            } else if (c) {
                List<String> oldImage = lines(a, oldStart, oldStart + oldCount);
                List<String> newImage = lines(b, newStart, newStart + newCount);
                List<Integer> removed = new ArrayList<>();
                List<Integer> added = new ArrayList<>();
                for (Edit e : group) {
                    for (int l = e.getBeginA(); l < e.getEndA(); l++) {
                        removed.add(l + 1);
                    }
                    for (int l = e.getBeginB(); l < e.getEndB(); l++) {
                        added.add(l + 1);
                    }
                }
                outside |= fragment(context, oldImage, oldStart + 1, removed, newImage,
                        newStart + 1, added, fs);
            }
            all.addAll(fs);
            hunks.add(new Hunk(oldCount == 0 ? oldStart : oldStart + 1, oldCount,
                    newCount == 0 ? newStart : newStart + 1, newCount, context, List.copyOf(fs)));
        }
        FunctionBasis basis = !c ? FunctionBasis.NONE
                : oldMap != null || edits.isEmpty() ? FunctionBasis.FILE_CONTENT
                : FunctionBasis.PATCH_TEXT;
        return new ChangedFile(oldPath, newPath, change, basis, List.copyOf(all), outside, hunks);
    }

    /**
     * Analyses a change from its patch text alone.
     *
     * @param fh a file of a patch parsed by JGit
     * @return the analysed change
     */
    public static ChangedFile fromPatch(FileHeader fh) {
        ChangeKind change = kind(fh.getChangeType());
        String oldPath = change == ChangeKind.ADD ? null : fh.getOldPath();
        String newPath = change == ChangeKind.DELETE ? null : fh.getNewPath();
        String path = newPath != null ? newPath : oldPath;
        if (fh.getPatchType() != PatchType.UNIFIED) {
            return new ChangedFile(oldPath, newPath, change, FunctionBasis.NONE, List.of(), true,
                    List.of());
        }
        boolean c = isC(path);
        SortedSet<String> all = new TreeSet<>();
        boolean outside = false;
        List<Hunk> hunks = new ArrayList<>();
        for (HunkHeader h : fh.getHunks()) {
            String text = new String(h.getBuffer(), h.getStartOffset(),
                    h.getEndOffset() - h.getStartOffset(), StandardCharsets.UTF_8);
            List<String> body = new ArrayList<>(text.lines().toList());
            String headerLine = body.remove(0);
            int at = headerLine.indexOf("@@", 2);
            String context = at < 0 ? "" : headerLine.substring(at + 2).strip();
            int oldStart = h.getOldImage().getStartLine();
            int newStart = h.getNewStartLine();
            List<String> oldImage = new ArrayList<>();
            List<String> newImage = new ArrayList<>();
            List<Integer> removed = new ArrayList<>();
            List<Integer> added = new ArrayList<>();
            int oldFirst = Math.max(1, oldStart);
            int newFirst = Math.max(1, newStart);
            for (String l : body) {
                char k = l.isEmpty() ? ' ' : l.charAt(0);
                String rest = l.isEmpty() ? "" : l.substring(1);
                switch (k) {
                    case ' ' -> {
                        oldImage.add(rest);
                        newImage.add(rest);
                    }
                    case '-' -> {
                        removed.add(oldFirst + oldImage.size());
                        oldImage.add(rest);
                    }
                    case '+' -> {
                        added.add(newFirst + newImage.size());
                        newImage.add(rest);
                    }
                    default -> {
                        // "\ No newline at end of file"
                    }
                }
            }
            SortedSet<String> fs = new TreeSet<>();
            if (c) {
                outside |= fragment(context, oldImage, oldFirst, removed, newImage, newFirst,
                        added, fs);
            } else {
                outside |= !removed.isEmpty() || !added.isEmpty();
            }
            all.addAll(fs);
            hunks.add(new Hunk(oldStart, h.getOldImage().getLineCount(), newStart,
                    h.getNewLineCount(), context, List.copyOf(fs)));
        }
        return new ChangedFile(oldPath, newPath, change,
                c ? FunctionBasis.PATCH_TEXT : FunctionBasis.NONE, List.copyOf(all), outside,
                hunks);
    }

    /**
     * @param t a JGit change type
     * @return the same as a {@link ChangeKind}
     */
    public static ChangeKind kind(DiffEntry.ChangeType t) {
        return switch (t) {
            case ADD -> ChangeKind.ADD;
            case MODIFY -> ChangeKind.MODIFY;
            case DELETE -> ChangeKind.DELETE;
            case RENAME -> ChangeKind.RENAME;
            case COPY -> ChangeKind.COPY;
        };
    }

    private static boolean fragment(String context, List<String> oldImage, int oldFirst,
            List<Integer> removed, List<String> newImage, int newFirst, List<Integer> added,
            SortedSet<String> fs) {
        Optional<String> enclosing = CFunctionLocator.functionInHunkContext(context);
        boolean outside = false;
        if (!removed.isEmpty()) {
            CSourceMap m = CFunctionLocator.locateFragment(String.join("\n", oldImage), oldFirst,
                    enclosing);
            for (int l : removed) {
                outside |= touch(m, l, fs);
            }
        }
        if (!added.isEmpty()) {
            CSourceMap m = CFunctionLocator.locateFragment(String.join("\n", newImage), newFirst,
                    enclosing);
            for (int l : added) {
                outside |= touch(m, l, fs);
            }
        }
        return outside;
    }

    /** @return whether the line is code outside any function */
    private static boolean touch(CSourceMap m, int line, SortedSet<String> fs) {
        Optional<CFunction> f = m.functionAt(line);
        if (f.isPresent()) {
            fs.add(f.get().name());
            return false;
        }
        return m.isCode(line);
    }

    /** Groups edits into hunks the way git does: gaps of up to 2 * context merge. */
    static List<List<Edit>> group(EditList edits, int oldSize) {
        List<List<Edit>> groups = new ArrayList<>();
        List<Edit> cur = null;
        for (Edit e : edits) {
            if (cur != null && e.getBeginA() - cur.get(cur.size() - 1).getEndA() <= 2 * CONTEXT) {
                cur.add(e);
            } else {
                cur = new ArrayList<>();
                cur.add(e);
                groups.add(cur);
            }
        }
        return groups;
    }

    /**
     * Git's default function context: the nearest line before the hunk that
     * starts with a letter, {@code _} or {@code $}, at most 80 bytes, trailing
     * whitespace removed.
     */
    static String gitFuncname(RawText a, int hunkStart) {
        for (int l = hunkStart - 1; l >= 0; l--) {
            String s = a.getString(l);
            if (!s.isEmpty()) {
                char ch = s.charAt(0);
                if (Character.isLetter(ch) || ch == '_' || ch == '$') {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    if (bytes.length > FUNCNAME_MAX) {
                        s = new String(bytes, 0, FUNCNAME_MAX, StandardCharsets.UTF_8);
                    }
                    return s.stripTrailing();
                }
            }
        }
        return "";
    }

    private static List<String> lines(RawText t, int from, int to) {
        List<String> out = new ArrayList<>(to - from);
        for (int l = from; l < to; l++) {
            out.add(t.getString(l));
        }
        return out;
    }
}

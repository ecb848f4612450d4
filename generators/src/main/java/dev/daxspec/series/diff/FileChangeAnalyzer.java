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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffDriver;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.FileHeader.PatchType;
import org.eclipse.jgit.patch.HunkHeader;
import org.eclipse.jgit.patch.Patch;

/**
 * Turns one file's change into a {@link ChangedFile}: the hunks and the
 * functions whose lines the change adds or removes.
 *
 * <p>With both versions of the file ({@link #fromContents}), the change is
 * diffed with JGit's histogram diff and written as git writes it by JGit's
 * {@link DiffFormatter} (3 lines of context; the hunk headers' function names
 * those of the file's diff driver, {@code diff=cpp} for Linux's C files, or
 * git's default), then read back with JGit's {@link Patch}: the hunks of
 * commits and of mail are the same {@link HunkHeader}s. Each added or removed
 * line is looked up in the function map
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

    private FileChangeAnalyzer() {}

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
     * @param driver the file's diff driver from the tree's {@code .gitattributes}
     *     ({@code diff=cpp}), which names the hunks' functions as git does; empty: git's
     *     default
     * @param cache function maps of recently seen blobs
     * @param source what to name in diagnostics (commit or message)
     * @param diagnostics receives warnings
     * @return the analysed change
     */
    public static ChangedFile fromContents(
            String oldPath,
            String newPath,
            ChangeKind change,
            ObjectId oldId,
            byte[] oldBytes,
            ObjectId newId,
            byte[] newBytes,
            Optional<DiffDriver> driver,
            SourceMapCache cache,
            String source,
            List<Diagnostic> diagnostics) {
        String path = newPath != null ? newPath : oldPath;
        if (RawText.isBinary(oldBytes) || RawText.isBinary(newBytes)) {
            return new ChangedFile(oldPath, newPath, change, FunctionBasis.NONE, List.of(), true, List.of());
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
                diagnostics.add(new Diagnostic(
                        Severity.WARNING,
                        source,
                        0,
                        path + ": "
                                + bad.problems().get(0) + " in the " + (bad == oldMap ? "old" : "new")
                                + " version; functions read from the hunks instead"));
                oldMap = null;
                newMap = null;
            }
        }
        SortedSet<String> all = new TreeSet<>();
        boolean outside = !c && !edits.isEmpty();
        List<Hunk> hunks = new ArrayList<>();
        for (HunkHeader h : format(path, edits, a, b, driver).getHunks()) {
            SortedSet<String> fs = new TreeSet<>();
            if (c && oldMap != null) {
                for (Edit e : h.toEditList()) {
                    for (int l = e.getBeginA(); l < e.getEndA(); l++) {
                        outside |= touch(oldMap, l + 1, fs);
                    }
                    for (int l = e.getBeginB(); l < e.getEndB(); l++) {
                        outside |= touch(newMap, l + 1, fs);
                    }
                }
                hunks.add(hunk(h, List.copyOf(fs)));
            } else {
                HunkText t = HunkText.of(h);
                if (c) {
                    outside |= t.fragment(fs);
                }
                hunks.add(new Hunk(
                        t.oldStart,
                        h.getOldImage().getLineCount(),
                        t.newStart,
                        h.getNewLineCount(),
                        t.context,
                        List.copyOf(fs)));
            }
            all.addAll(fs);
        }
        FunctionBasis basis = !c
                ? FunctionBasis.NONE
                : oldMap != null || edits.isEmpty() ? FunctionBasis.FILE_CONTENT : FunctionBasis.PATCH_TEXT;
        return new ChangedFile(oldPath, newPath, change, basis, List.copyOf(all), outside, hunks);
    }

    /**
     * The change as git prints it, through JGit's {@link DiffFormatter} and read back with
     * its {@link Patch}: the one path the hunks of commits and of mail take.
     */
    private static FileHeader format(String path, EditList edits, RawText a, RawText b, Optional<DiffDriver> driver) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GitHunkFormatter f = new GitHunkFormatter(buf)) {
            buf.writeBytes(("diff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/" + path + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            f.format(edits, a, b, driver.orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        Patch patch = new Patch();
        byte[] bytes = buf.toByteArray();
        patch.parse(bytes, 0, bytes.length);
        if (!patch.getErrors().isEmpty() || patch.getFiles().size() != 1) {
            throw new IllegalStateException(
                    "JGit does not read back the diff it wrote of " + path + ": " + patch.getErrors());
        }
        return patch.getFiles().get(0);
    }

    private static Hunk hunk(HunkHeader h, List<String> functions) {
        return new Hunk(
                h.getOldImage().getStartLine(),
                h.getOldImage().getLineCount(),
                h.getNewStartLine(),
                h.getNewLineCount(),
                HunkText.context(h),
                functions);
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
            return new ChangedFile(oldPath, newPath, change, FunctionBasis.NONE, List.of(), true, List.of());
        }
        boolean c = isC(path);
        SortedSet<String> all = new TreeSet<>();
        boolean outside = false;
        List<Hunk> hunks = new ArrayList<>();
        for (HunkHeader h : fh.getHunks()) {
            HunkText t = HunkText.of(h);
            SortedSet<String> fs = new TreeSet<>();
            if (c) {
                outside |= t.fragment(fs);
            } else {
                outside |= !t.removed.isEmpty() || !t.added.isEmpty();
            }
            all.addAll(fs);
            hunks.add(new Hunk(
                    t.oldStart,
                    h.getOldImage().getLineCount(),
                    t.newStart,
                    h.getNewLineCount(),
                    t.context,
                    List.copyOf(fs)));
        }
        return new ChangedFile(
                oldPath,
                newPath,
                change,
                c ? FunctionBasis.PATCH_TEXT : FunctionBasis.NONE,
                List.copyOf(all),
                outside,
                hunks);
    }

    /**
     * A hunk as its text shows it: its header's function context, its pre- and
     * post-image, and the lines it removes and adds (1-based, in their own image's file).
     */
    private static final class HunkText {
        final String context;
        final int oldStart;
        final int newStart;
        final int oldFirst;
        final int newFirst;
        final List<String> oldImage = new ArrayList<>();
        final List<String> newImage = new ArrayList<>();
        final List<Integer> removed = new ArrayList<>();
        final List<Integer> added = new ArrayList<>();

        private HunkText(HunkHeader h) {
            context = context(h);
            oldStart = h.getOldImage().getStartLine();
            newStart = h.getNewStartLine();
            oldFirst = Math.max(1, oldStart);
            newFirst = Math.max(1, newStart);
        }

        static HunkText of(HunkHeader h) {
            HunkText t = new HunkText(h);
            List<String> body = new ArrayList<>(text(h).lines().toList());
            body.remove(0);
            for (String l : body) {
                char k = l.isEmpty() ? ' ' : l.charAt(0);
                String rest = l.isEmpty() ? "" : l.substring(1);
                switch (k) {
                    case ' ' -> {
                        t.oldImage.add(rest);
                        t.newImage.add(rest);
                    }
                    case '-' -> {
                        t.removed.add(t.oldFirst + t.oldImage.size());
                        t.oldImage.add(rest);
                    }
                    case '+' -> {
                        t.added.add(t.newFirst + t.newImage.size());
                        t.newImage.add(rest);
                    }
                    default -> {
                        // "\ No newline at end of file"
                    }
                }
            }
            return t;
        }

        /** The function context of the hunk's header line, after the second {@code @@}. */
        static String context(HunkHeader h) {
            String header = text(h).lines().findFirst().orElse("");
            int at = header.indexOf("@@", 2);
            return at < 0 ? "" : header.substring(at + 2).strip();
        }

        private static String text(HunkHeader h) {
            return new String(
                    h.getBuffer(), h.getStartOffset(), h.getEndOffset() - h.getStartOffset(), StandardCharsets.UTF_8);
        }

        /** Finds the functions of the changed lines in the images read as fragments; whether code outside any is changed. */
        boolean fragment(SortedSet<String> fs) {
            return FileChangeAnalyzer.fragment(context, oldImage, oldFirst, removed, newImage, newFirst, added, fs);
        }
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

    private static boolean fragment(
            String context,
            List<String> oldImage,
            int oldFirst,
            List<Integer> removed,
            List<String> newImage,
            int newFirst,
            List<Integer> added,
            SortedSet<String> fs) {
        Optional<String> enclosing = CFunctionLocator.functionInHunkContext(context);
        boolean outside = false;
        if (!removed.isEmpty()) {
            CSourceMap m = CFunctionLocator.locateFragment(String.join("\n", oldImage), oldFirst, enclosing);
            for (int l : removed) {
                outside |= touch(m, l, fs);
            }
        }
        if (!added.isEmpty()) {
            CSourceMap m = CFunctionLocator.locateFragment(String.join("\n", newImage), newFirst, enclosing);
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
}

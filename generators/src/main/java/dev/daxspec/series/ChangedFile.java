package dev.daxspec.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One file a commit or patch changes, with the functions the change touches.
 *
 * @param oldPath the path before the change; null for {@link ChangeKind#ADD}
 * @param newPath the path after the change; null for {@link ChangeKind#DELETE}
 * @param change how the file changes
 * @param basis where {@code functions} were learnt from
 * @param functions the functions whose lines are added or removed, old and
 *     new names together, sorted, distinct
 * @param outsideFunctions whether the change also adds or removes code
 *     outside any function (a {@code #define}, a struct, an initialiser), or
 *     cannot be narrowed to functions at all ({@link FunctionBasis#NONE}, a
 *     binary file); comment-only and blank-line changes outside functions do
 *     not count
 * @param hunks the hunks, in file order; empty for binary files and pure
 *     renames
 */
public record ChangedFile(
        String oldPath,
        String newPath,
        ChangeKind change,
        FunctionBasis basis,
        List<String> functions,
        boolean outsideFunctions,
        List<Hunk> hunks) {

    /** Validates the record. */
    public ChangedFile {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(basis, "basis");
        if ((oldPath == null && change != ChangeKind.ADD) || (newPath == null && change != ChangeKind.DELETE)) {
            throw new IllegalArgumentException("paths do not fit " + change);
        }
        functions = List.copyOf(functions);
        hunks = List.copyOf(hunks);
    }

    /** @return the path that names the file: the new path, or the old one for a deletion */
    public String path() {
        return newPath != null ? newPath : oldPath;
    }

    /** @return the distinct paths involved, new path first */
    public List<String> paths() {
        List<String> ps = new ArrayList<>(2);
        if (newPath != null) {
            ps.add(newPath);
        }
        if (oldPath != null && !oldPath.equals(newPath)) {
            ps.add(oldPath);
        }
        return ps;
    }
}

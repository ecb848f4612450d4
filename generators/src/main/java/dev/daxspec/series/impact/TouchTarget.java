package dev.daxspec.series.impact;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A piece of kernel code named in a {@code @touches:} tag or a touches rule:
 * a function in a file ({@code fs/dax.c:dax_iomap_pmd_fault}), a whole file
 * ({@code fs/dax.c}), or everything under a directory ({@code fs/ext4/},
 * with the trailing slash).
 *
 * @param path the repository path; for a directory it ends with {@code /}
 * @param function the function, for {@link Kind#FUNCTION} only
 * @param kind what is named
 */
public record TouchTarget(String path, Optional<String> function, Kind kind) {

    /** What a target names. */
    public enum Kind {
        /** A function in a file. */
        FUNCTION,
        /** A whole file. */
        FILE,
        /** Everything under a directory. */
        DIRECTORY
    }

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.+,=@%-]+(/[A-Za-z0-9_.+,=@%-]+)*/?");

    /** Validates the record. */
    public TouchTarget {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FUNCTION) != function.isPresent() || (kind == Kind.DIRECTORY) != path.endsWith("/")) {
            throw new IllegalArgumentException("inconsistent target " + path + " " + function + " " + kind);
        }
    }

    /**
     * @param path a file path
     * @param function a function in it
     * @return the target
     */
    public static TouchTarget function(String path, String function) {
        return new TouchTarget(path, Optional.of(function), Kind.FUNCTION);
    }

    /**
     * @param path a file path
     * @return the target
     */
    public static TouchTarget file(String path) {
        return new TouchTarget(path, Optional.empty(), Kind.FILE);
    }

    /**
     * Parses the text after {@code @touches:}.
     *
     * @param text {@code path/file.c:function}, {@code path/file.c} or {@code path/dir/}
     * @return the target
     * @throws IllegalArgumentException with a one-line reason if the text is
     *     not a relative path, a path and a C identifier, or a directory
     */
    public static TouchTarget parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty target");
        }
        String path = t;
        String fn = null;
        int colon = t.lastIndexOf(':');
        if (colon >= 0) {
            path = t.substring(0, colon);
            fn = t.substring(colon + 1);
            if (!IDENT.matcher(fn).matches()) {
                throw new IllegalArgumentException("'" + fn + "' in '" + t + "' is not a C identifier");
            }
            if (path.endsWith("/")) {
                throw new IllegalArgumentException("'" + t + "' names a function in a directory");
            }
        }
        if (!PATH.matcher(path).matches()
                || path.contains("/../")
                || path.startsWith("../")
                || path.equals("..")
                || path.startsWith("./")) {
            throw new IllegalArgumentException("'" + path + "' is not a relative repository path");
        }
        if (fn != null) {
            return function(path, fn);
        }
        return path.endsWith("/") ? new TouchTarget(path, Optional.empty(), Kind.DIRECTORY) : file(path);
    }

    /**
     * Whether everything this target names includes {@code other}: a
     * directory contains what is under it, a file its functions, a function
     * only itself.
     *
     * @param other another target
     * @return whether this target contains it
     */
    public boolean contains(TouchTarget other) {
        return switch (kind) {
            case DIRECTORY -> other.path.startsWith(path);
            case FILE -> other.kind != Kind.DIRECTORY && other.path.equals(path);
            case FUNCTION -> other.equals(this);
        };
    }

    /**
     * @param other another target
     * @return whether one contains the other
     */
    public boolean overlaps(TouchTarget other) {
        return contains(other) || other.contains(this);
    }

    /**
     * @return how specific the target is: a function beats a file, a file a
     *     directory, a deeper directory a shallower one
     */
    int specificity() {
        return switch (kind) {
            case FUNCTION -> 1_000_000;
            case FILE -> 500_000;
            case DIRECTORY -> path.length();
        };
    }

    /** @return the tag form: {@code path:function}, {@code path} or {@code dir/} */
    @Override
    public String toString() {
        return function.map(f -> path + ":" + f).orElse(path);
    }
}

package dev.daxspec.series.calls;

import java.util.Comparator;
import java.util.Objects;

/**
 * A C function of a tree: the file that defines it and its name. A file that
 * defines a name twice (alternatives under {@code #ifdef}) has one
 * {@code FunctionRef} for both.
 *
 * @param path the file, relative to the tree's top ({@code fs/dax.c})
 * @param name the function's name, as {@link dev.daxspec.series.clang.CFunction#name()} gives it
 */
public record FunctionRef(String path, String name) implements Comparable<FunctionRef> {

    private static final Comparator<FunctionRef> ORDER =
            Comparator.comparing(FunctionRef::path).thenComparing(FunctionRef::name);

    /** Validates. */
    public FunctionRef {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
    }

    /** Orders by path, then name. */
    @Override
    public int compareTo(FunctionRef o) {
        return ORDER.compare(this, o);
    }

    /** @return {@code path:name}, as {@code @touches:} tags write a function */
    @Override
    public String toString() {
        return path + ":" + name;
    }
}

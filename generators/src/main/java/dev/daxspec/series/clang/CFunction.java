package dev.daxspec.series.clang;

import java.util.Objects;

/**
 * A function definition found in C source.
 *
 * <p>Lines are 1-based and inclusive. {@code startLine} is the first line of
 * the declaration (the return type, storage class or attribute line that
 * starts it); {@code bodyLine} is the line of the body's opening brace, or 0
 * when the body's opening was not seen (a function assumed from a hunk header
 * in a diff fragment); {@code endLine} is the line of the closing brace, or
 * the last line of the fragment when the closing brace was not seen.
 *
 * <p>The name is the identifier a reader would search for: for
 * {@code SYSCALL_DEFINE3(read, ...)} it is {@code sys_read} and for
 * {@code COMPAT_SYSCALL_DEFINE3(x, ...)} it is {@code compat_sys_x}, as the
 * kernel's {@code scripts/tags.sh} names them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the function's name
 * @param startLine first line of the declaration
 * @param bodyLine line of the opening brace of the body, 0 if not seen
 * @param endLine line of the closing brace of the body
 * @param isStatic whether the declaration says {@code static}
 * @param isInline whether the declaration says {@code inline} (or a kernel
 *     spelling of it such as {@code __always_inline})
 */
public record CFunction(String name, int startLine, int bodyLine, int endLine, boolean isStatic, boolean isInline) {

    /** Validates the record. */
    public CFunction {
        Objects.requireNonNull(name, "name");
        if (startLine < 1 || endLine < startLine || bodyLine < 0) {
            throw new IllegalArgumentException(
                    "bad line range for " + name + ": " + startLine + ".." + endLine + " body " + bodyLine);
        }
    }

    /**
     * Tells whether a line lies within this function.
     *
     * @param line a 1-based line number
     * @return true when {@code startLine <= line <= endLine}
     */
    public boolean contains(int line) {
        return line >= startLine && line <= endLine;
    }
}

package dev.daxspec.series.clang;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link CFunctionLocator} found in one piece of C source: the function
 * definitions, which lines carry code (as opposed to blank lines and
 * comments), and any problems that make the result doubtful.
 *
 * <p>Line numbers are those of the source (for a fragment, those it was
 * given). Immutable and thread-safe.
 */
public final class CSourceMap {

    private final List<CFunction> functions;
    private final Map<CFunction, List<String>> calls;
    private final int firstLine;
    private final int[] functionAt;
    private final boolean[] code;
    private final List<String> problems;

    CSourceMap(
            List<CFunction> functions,
            Map<CFunction, List<String>> calls,
            int firstLine,
            int lineCount,
            boolean[] code,
            List<String> problems) {
        this.functions = List.copyOf(functions);
        this.calls = Map.copyOf(calls);
        this.firstLine = firstLine;
        this.code = code.clone();
        this.problems = List.copyOf(problems);
        this.functionAt = new int[lineCount];
        Arrays.fill(functionAt, -1);
        for (int i = 0; i < this.functions.size(); i++) {
            CFunction f = this.functions.get(i);
            for (int l = Math.max(f.startLine(), firstLine); l <= f.endLine() && l - firstLine < lineCount; l++) {
                functionAt[l - firstLine] = i;
            }
        }
    }

    /**
     * @return the functions, ordered by start line; C functions do not nest,
     *     so their ranges do not overlap
     */
    public List<CFunction> functions() {
        return functions;
    }

    /**
     * @param function one of {@link #functions()}
     * @return the names its body calls, sorted, distinct, the function itself
     *     included if it recurses: an identifier followed by {@code (} that is
     *     not a keyword or a member ({@code ops->begin(}); function-like macros
     *     are among them, calls inside a macro's expansion are not; empty for a
     *     function of a fragment whose body was not seen, or one not of this map
     */
    public List<String> calls(CFunction function) {
        return calls.getOrDefault(function, List.of());
    }

    /**
     * @param line a line number
     * @return the function whose declaration or body contains the line
     */
    public Optional<CFunction> functionAt(int line) {
        int i = line - firstLine;
        if (i < 0 || i >= functionAt.length || functionAt[i] < 0) {
            return Optional.empty();
        }
        return Optional.of(functions.get(functionAt[i]));
    }

    /**
     * @param line a line number
     * @return whether the line has code: anything but whitespace and comments
     *     (preprocessor lines count as code)
     */
    public boolean isCode(int line) {
        int i = line - firstLine;
        return i >= 0 && i < code.length && code[i];
    }

    /** @return the number of lines scanned */
    public int lineCount() {
        return functionAt.length;
    }

    /**
     * @return problems met while scanning (unbalanced braces, an unterminated
     *     comment); empty when the map can be trusted
     */
    public List<String> problems() {
        return problems;
    }

    /** @return whether no problems were met */
    public boolean isClean() {
        return problems.isEmpty();
    }
}

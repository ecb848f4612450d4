package dev.daxspec.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * A mistake in what the user gave (a file, an option, a spec): printed as one line,
 * {@code daxspec: <message>}, and the command exits with {@link #exitStatus()}.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    UserError(String message) {
        this(message, 2);
    }

    UserError(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /**
     * Bad input with several problems, one line each: all but the last are printed to
     * {@code err} now, as {@code daxspec: PROBLEM}; the last is the error's message, so a
     * single problem is a single line.
     *
     * @param problems at least one, each one line, {@code file:line: message} where there is a file
     */
    static UserError of(List<String> problems, PrintWriter err) {
        problems.subList(0, problems.size() - 1).forEach(p -> err.println("daxspec: " + p));
        err.flush();
        return new UserError(problems.get(problems.size() - 1));
    }

    /**
     * Parses what the user gave with a parser of the model or the generators, whose
     * {@link IllegalArgumentException} names the bad value: that is then bad input, exit 2.
     * Only here is an {@code IllegalArgumentException} the user's; elsewhere it is a bug.
     */
    static <T> T parsing(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    int exitStatus() {
        return exitStatus;
    }
}

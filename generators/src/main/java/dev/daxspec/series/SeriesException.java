package dev.daxspec.series;

import java.util.Objects;

/**
 * A user error in the input of a series analysis: one line a command prints
 * before exiting non-zero. The message names the file, message or range at
 * fault and never contains a line break.
 */
public final class SeriesException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** The range is malformed or a revision in it does not resolve to a commit. */
        UNKNOWN_RANGE,
        /** The range resolves but holds no commit, or merges only: there is no series to review. */
        EMPTY_RANGE,
        /** The path given as a repository is not a git repository. */
        NOT_A_REPOSITORY,
        /** The patch mail holds no message with a patch. */
        NO_PATCHES,
        /** A mailed patch is truncated or damaged: a hunk header that does not read, a hunk cut short. */
        DAMAGED_PATCH,
        /** A mailed patch does not apply to the repository. */
        PATCH_DOES_NOT_APPLY,
        /** A file could not be read. */
        UNREADABLE,
        /** The touches rules file is malformed. */
        BAD_RULES,
        /** The kill matrix file is malformed or names a variant the oracle does not have. */
        BAD_KILL_MATRIX,
        /** The features directory is missing or holds no feature file. */
        BAD_FEATURES,
        /** The suite to take the targeted tests from is not a suite, or not of the format asked for. */
        BAD_SUITE
    }

    private final Problem problem;

    /**
     * @param problem what went wrong
     * @param message one line naming the file, message or range at fault
     */
    public SeriesException(Problem problem, String message) {
        super(oneLine(message));
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * @param problem what went wrong
     * @param message one line naming the file, message or range at fault
     * @param cause the underlying exception
     */
    public SeriesException(Problem problem, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @return what went wrong */
    public Problem problem() {
        return problem;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}

package dev.daxspec.cli;

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

    int exitStatus() {
        return exitStatus;
    }
}

package dev.daxspec.run;

/**
 * The VM harness cannot run: something it needs is missing or broken. The message is one line
 * saying what, and what to do about it.
 */
public final class VmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a one-line message. */
    public VmException(String message) {
        super(message);
    }

    /** An error with a one-line message and its cause. */
    public VmException(String message, Throwable cause) {
        super(message, cause);
    }
}

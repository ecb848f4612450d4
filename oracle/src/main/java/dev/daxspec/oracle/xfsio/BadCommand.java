package dev.daxspec.oracle.xfsio;

/**
 * An xfs_io command the oracle will not run: unknown, malformed, or outside what it
 * models. The message is one line naming what is wrong, for the user.
 */
public final class BadCommand extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadCommand(String message) {
        super(message);
    }
}

package dev.daxspec.cli;

import dev.daxspec.files.Reason;
import dev.daxspec.oracle.fs.Unpredictable;
import java.nio.file.FileSystemException;
import java.util.List;
import picocli.CommandLine;

/**
 * How failures reach the user: one line on stderr, {@code daxspec: ...}, and an exit
 * status. Bad input ({@link UserError}, a bad option, a path that cannot be read or
 * written) exits 2, something the model cannot predict exits 3. Anything else is a bug in
 * daxspec, not the user's mistake, whatever its type (an {@link IllegalArgumentException}
 * included): it keeps its stack trace, says so, and exits {@link #BUG}.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** Exit status when the oracle declines to predict (see {@link Unpredictable}). */
    static final int UNPREDICTABLE = 3;

    /** Exit status of a bug in daxspec: sysexits.h's EX_SOFTWARE. */
    static final int BUG = 70;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult)
            throws Exception {
        if (ex instanceof UserError u) {
            cl.getErr().println("daxspec: " + u.getMessage());
            return u.exitStatus();
        }
        if (ex instanceof Unpredictable u) {
            cl.getErr().println("daxspec: cannot predict: " + u.getMessage());
            return UNPREDICTABLE;
        }
        if (ex instanceof FileSystemException f) {
            // a path the user named, which the system refused (a read-only filesystem, /proc)
            cl.getErr()
                    .println("daxspec: " + f.getFile() + ": " + Reason.of(f)
                            + (f.getOtherFile() != null ? " (" + f.getOtherFile() + ")" : ""));
            return 2;
        }
        ex.printStackTrace(cl.getErr());
        cl.getErr()
                .println("daxspec: internal error: " + ex + "; this is a bug in daxspec, not in what you gave it:"
                        + " please report it with the trace above");
        return BUG;
    }

    /**
     * One line: the problem, and where the command's options are explained. A word where
     * a command of {@code daxspec} belongs is named as an unknown command, with the commands.
     */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String help = "'" + cl.getCommandSpec().qualifiedName(" ") + " --help'";
        if (ex instanceof CommandLine.UnmatchedArgumentException u
                && cl.getParent() == null
                && !u.getUnmatched().isEmpty()
                && !u.isUnknownOption()) {
            List<String> commands = cl.getSubcommands().keySet().stream()
                    .filter(c -> !c.equals("help"))
                    .toList();
            cl.getErr()
                    .println("daxspec: unknown command '" + u.getUnmatched().get(0) + "'; the commands are "
                            + String.join(", ", commands) + " (" + help + " explains them)");
        } else {
            // picocli starts the messages of argument groups with "Error: "; the line says it already
            String message =
                    ex.getMessage().startsWith("Error: ") ? ex.getMessage().substring(7) : ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.isUnknownOption()) {
                // picocli's "Unmatched argument at index 2: 'extra'"
                message = "unexpected argument" + (u.getUnmatched().size() == 1 ? " " : "s ")
                        + String.join(
                                " ",
                                u.getUnmatched().stream()
                                        .map(a -> "'" + a + "'")
                                        .toList());
            }
            cl.getErr().println("daxspec: " + message + " (see " + help + ")");
        }
        return 2;
    }
}

package dev.daxspec.cli;

import dev.daxspec.oracle.fs.Unpredictable;
import java.util.List;
import picocli.CommandLine;

/**
 * How failures reach the user: one line on stderr, {@code daxspec: ...}, and an exit
 * status. Bad input exits 2, something the model cannot predict exits 3; a bug in
 * daxspec itself keeps its stack trace.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** Exit status when the oracle declines to predict (see {@link Unpredictable}). */
    static final int UNPREDICTABLE = 3;

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
        if (ex instanceof IllegalArgumentException) {
            cl.getErr().println("daxspec: " + ex.getMessage());
            return 2;
        }
        throw ex;
    }

    /**
     * One line: the problem, and where the command's options are explained. A word where
     * a command of {@code daxspec} belongs is named as an unknown command, with the commands.
     */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String help = "'" + cl.getCommandSpec().qualifiedName(" ") + " --help'";
        if (ex instanceof CommandLine.UnmatchedArgumentException u && cl.getParent() == null
                && !u.getUnmatched().isEmpty() && !u.isUnknownOption()) {
            List<String> commands = cl.getSubcommands().keySet().stream().filter(c -> !c.equals("help")).toList();
            cl.getErr().println("daxspec: unknown command '" + u.getUnmatched().get(0) + "'; the commands are "
                    + String.join(", ", commands) + " (" + help + " explains them)");
        } else {
            // picocli starts the messages of argument groups with "Error: "; the line says it already
            String message = ex.getMessage().startsWith("Error: ") ? ex.getMessage().substring(7) : ex.getMessage();
            cl.getErr().println("daxspec: " + message + " (see " + help + ")");
        }
        return 2;
    }
}

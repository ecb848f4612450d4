package dev.daxspec.cli;

import dev.daxspec.oracle.fs.Unpredictable;
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

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("daxspec: " + ex.getMessage());
        cl.getErr().println("Try 'daxspec " + cl.getCommandSpec().qualifiedName(" ").replaceFirst("^daxspec ?", "")
                + (cl.getCommandSpec().qualifiedName().equals("daxspec") ? "" : " ") + "--help' for more.");
        return 2;
    }
}

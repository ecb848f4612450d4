package dev.daxspec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code daxspec}: the command line. Each subcommand is one class in this package. */
@Command(
        name = "daxspec",
        mixinStandardHelpOptions = true,
        // Every subcommand inherits --help and --version, as the footer promises.
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "An executable specification of Linux file, mmap and DAX semantics.",
            "",
            "The oracle predicts, byte for byte, what xfs_io prints on a correct kernel;",
            "real kernels booted in qemu are held to it.",
        },
        subcommands = {
            CheckCommand.class,
            GenerateCommand.class,
            RunCommand.class,
            SeriesCommand.class,
            PredictCommand.class,
            ConformCommand.class,
            ExploreCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        },
        footer = {
            "",
            "Exit status: a subcommand's own (see its --help); 2 for bad input.",
            "Run 'daxspec help COMMAND' or 'daxspec COMMAND --help' for a command's options.",
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler(new Errors());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
    }
}

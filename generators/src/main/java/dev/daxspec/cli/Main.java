package dev.daxspec.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code daxspec}: the command line. Each subcommand is one class in this package, listed in
 * {@link #COMMANDS}; a run of one subcommand builds only that one (see {@link #commandLine(String...)}).
 */
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
            "The oracle predicts, byte for byte, what xfs_io prints on a correct kernel;"
                    + " real kernels booted in qemu are held to it.",
        },
        footer = {
            "",
            "Exit status: a subcommand's own (see its --help); 2 for bad input."
                    + " Run 'daxspec help COMMAND' or 'daxspec COMMAND --help' for a command's options.",
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The subcommands, in the order {@code daxspec --help} lists them; {@code help} follows them. */
    static final List<Class<?>> COMMANDS = List.of(
            CheckCommand.class,
            GenerateCommand.class,
            RunCommand.class,
            SeriesCommand.class,
            PredictCommand.class,
            ConformCommand.class,
            ExploreCommand.class,
            ReportCommand.class,
            BenchCommand.class);

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every subcommand, as {@code daxspec --help} shows it. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The configured command line for {@code args}: when the first names a subcommand, with
     * that subcommand alone, else with all of them. picocli reflects on every option of every
     * command it is given, and loads the types they name; a one-shot {@code predict} built all
     * nine for 0.3 to 0.4 s of CPU before it ran (ci/bench-launcher measures it). What the one
     * subcommand parses, prints and exits with is the same either way.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> named = args.length == 0 ? null : command(args[0]);
        for (Class<?> c : named == null ? COMMANDS : List.of(named)) {
            cl.addSubcommand(c);
        }
        if (named == null) {
            cl.addSubcommand(CommandLine.HelpCommand.class);
        }
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler(new Errors());
        cl.setExecutionStrategy(Main::refusingExtraArguments);
        return cl;
    }

    /**
     * Runs what was asked, as picocli's {@link CommandLine.RunLast} does, but not when an
     * argument is left over: picocli skips that check when a help option or the {@code help}
     * command was given, so {@code --version extra} and {@code help check extra} printed and
     * exited 0.
     */
    private static int refusingExtraArguments(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** The subcommand class named {@code name}, or null. */
    private static Class<?> command(String name) {
        for (Class<?> c : COMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
    }
}

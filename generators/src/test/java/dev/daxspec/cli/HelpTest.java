package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code daxspec --help} lists every subcommand, and each answers {@code --help} itself, the
 * same whether the command line holds every subcommand or, as {@link Main#main} builds it for a
 * run of one, that one alone.
 */
class HelpTest {

    @Test
    void everySubcommandTakesHelpAndItsSummaryIsOneSentence() {
        CommandLine main = Main.commandLine();
        assertThat(main.getSubcommands()).isNotEmpty();
        String top = run(main, "--help");
        for (String name : main.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            assertThat(top).as("daxspec --help lists " + name).contains("  " + name + " ");
            String help = run(Main.commandLine(name, "--help"), name, "--help");
            assertThat(help).as(name + " --help").startsWith("Usage: daxspec " + name);
            assertThat(Main.commandLine(name).getSubcommands()).containsOnlyKeys(name);
            assertThat(help)
                    .as(name + " --help, built alone and with every command")
                    .isEqualTo(run(Main.commandLine(), name, "--help"));
            assertThat(run(Main.commandLine(name, "--version"), name, "--version"))
                    .isEqualTo(run(Main.commandLine(), "--version"));
            String[] summary = main.getSubcommands()
                    .get(name)
                    .getCommandSpec()
                    .usageMessage()
                    .description();
            assertThat(summary).as(name + "'s description").isNotEmpty();
            assertThat(summary[0])
                    .as(name + "'s summary line, which daxspec --help shows")
                    .endsWith(".");
        }
    }

    private static String run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute(args)).as(String.join(" ", args)).isZero();
        return out.toString();
    }
}

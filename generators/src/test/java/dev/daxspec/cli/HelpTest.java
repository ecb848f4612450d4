package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Each command's --help at 80 columns: picocli wraps the paragraphs, so no line is wider;
     * the lines the help breaks by hand (indented: tables, examples) are at most 79 wide, or
     * picocli would break them again ("(writes,\nreads").
     */
    @Test
    void everyHelpFitsEightyColumns() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        assertThat(all).hasSizeGreaterThan(10);
        for (CommandLine cl : all) {
            String name = cl.getCommandSpec().qualifiedName(" ");
            cl.getCommandSpec().usageMessage().autoWidth(false).width(80);
            assertThat(cl.getUsageMessage().lines())
                    .as(name + " --help at 80 columns")
                    .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
            CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
            for (String[] text : List.of(usage.description(), usage.footer())) {
                assertThat(text)
                        .as(name + ": lines broken by hand")
                        .filteredOn(l -> l.startsWith(" "))
                        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThan(80));
            }
        }
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().stream()
                .filter(c -> !c.getCommandName().equals("help"))
                .forEach(c -> collect(c, out));
    }

    private static String run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute(args)).as(String.join(" ", args)).isZero();
        return out.toString();
    }
}

package dev.daxspec.cli;

import dev.daxspec.check.Check;
import dev.daxspec.check.CheckJUnit;
import dev.daxspec.check.CheckReport;
import dev.daxspec.check.CheckResult;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.series.impact.KillMatrix;
import dev.daxspec.spec.InvalidFeatures;
import dev.daxspec.spec.StepVocabulary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daxspec check}: the features on the correct oracle and on every kernel variant. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Check the features on the oracle and show each catches its historical bug.",
            "",
            "Each scenario is compiled once, through Cucumber and the step vocabulary, into",
            "a program and the claims its Then steps make about the program's transcript.",
            "It must pass on the correct oracle. Then it runs on every kernel variant (one",
            "historical bug each, see 'daxspec predict --kernel-variant'): a variant is",
            "killed by a scenario when one of its claims fails there. Prints a line per",
            "scenario, the kill matrix (variants by feature), the scenarios that kill each",
            "variant, and a count. Each variant breaks one rule (B1..B11, tagged @B1..@B11):",
            "a check of some of the features judges only the variants of the rules their",
            "scenarios state, and names the variants it left out.",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec check                                 # every feature under features/",
            "  daxspec check features/io                     # one folder",
            "  daxspec check --tags '@seed:002'              # one thread's rules",
            "  daxspec check --tags '@touches:fs/dax.c:dax_iomap_pmd_fault'",
            "  daxspec check --junit target/check.xml --plugin html:target/features.html",
            "  daxspec check --list-steps                    # the step vocabulary",
            "",
            "Exit status: 0 when every scenario passes on the correct oracle and every",
            "variant judged is killed; 1 when a scenario fails or a variant judged survives",
            "(named at the end); 2 for bad input: a syntax error, an undefined or ambiguous",
            "step, a value out of range, a target the oracle cannot mount, a program it",
            "cannot predict, each printed as FILE:LINE: MESSAGE. Then nothing is printed or",
            "written besides.",
        })
final class CheckCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--tags",
            paramLabel = "EXPR",
            description =
                    "Only scenarios matching this Cucumber tag expression, e.g. '@seed:004 and not @page-size:64KiB'.")
    String tags;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description =
                    "Also write JUnit XML: a test case per scenario, and one per variant (failing when it survives).")
    Path junit;

    @Option(
            names = "--kills",
            paramLabel = "FILE",
            description = "Also write the kill matrix as JSON, {\"scenario-id\": [\"variant\", ...]}, for"
                    + " 'daxspec series --kills FILE'.")
    Path kills;

    @Option(
            names = "--plugin",
            paramLabel = "PLUGIN",
            description = "A Cucumber formatter for review, e.g. html:FILE, message:FILE, pretty; repeat for more."
                    + " It shows each scenario as run on the correct oracle.")
    List<String> plugins = new ArrayList<>();

    @Option(
            names = "--transcripts",
            description = "Print each scenario's transcript on the correct oracle under its line.")
    boolean transcripts;

    @Option(
            names = "--list-steps",
            description = "Print the step vocabulary and each parameter type's grammar (spellings, units,"
                    + " ranges), and exit.")
    boolean listSteps;

    @Parameters(
            paramLabel = "FEATURE|DIR",
            arity = "0..*",
            description = "Feature files or directories of them. Default: features/.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listSteps) {
            StepVocabulary.steps().forEach(out::println);
            out.println();
            out.println("Parameter types (the same byte units as every size option, e.g. --device-size):");
            StepVocabulary.parameterTypes().forEach(t -> out.println("  " + t));
            out.flush();
            return 0;
        }
        // The output files are checked before the features run: a bad name costs no wait.
        if (junit != null) {
            OutputFile.checkWritable("--junit", junit);
        }
        if (kills != null) {
            OutputFile.checkWritable("--kills", kills);
        }
        List<Path> selected = paths.isEmpty() ? List.of(Home.features()) : paths;
        Map<String, Path[]> outputs = new LinkedHashMap<>();
        List<String> cucumberPlugins = new ArrayList<>();
        for (String p : plugins) {
            cucumberPlugins.add(staged(p, outputs));
        }
        CheckResult result;
        try {
            result = Check.run(selected, Optional.ofNullable(tags), cucumberPlugins, new StderrProgress(err));
        } catch (InvalidFeatures e) {
            discard(outputs);
            e.errors().forEach(err::println);
            err.flush();
            return 2;
        } catch (IllegalArgumentException e) {
            discard(outputs);
            // Cucumber's message: a first line that names the plugin as it was given to it (the
            // staged file's name), then the reason after a blank line
            String message = String.join(
                    " ",
                    e.getMessage().lines().filter(l -> !l.isBlank()).limit(2).toList());
            for (int i = 0; i < plugins.size(); i++) {
                message = message.replace(cucumberPlugins.get(i), plugins.get(i));
            }
            throw new UserError(message);
        }
        for (Path[] staged : outputs.values()) {
            Files.move(staged[0], staged[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (junit != null) {
            CheckJUnit.write(result, junit);
        }
        if (kills != null) {
            KillMatrix.write(result.killMatrix(), kills);
        }
        out.print(CheckReport.text(result, transcripts));
        out.flush();
        int kernels = 1 + Bug.values().length;
        int n = result.scenarios().size();
        double secs = Math.max(result.seconds(), 1e-9);
        err.println(String.format(
                Locale.ROOT,
                "daxspec: %d scenarios on %d kernels in %.2f s: %.0f scenarios/s" + " (%.0f scenario runs/s)",
                n,
                kernels,
                result.seconds(),
                n / secs,
                (double) n * kernels / secs));
        err.flush();
        return result.exitStatus();
    }

    /**
     * A plugin writing to a file writes to a temporary file next to it, moved into place
     * only when the check completes, so an aborted check leaves nothing half-written.
     */
    private static String staged(String plugin, Map<String, Path[]> outputs) throws IOException {
        int colon = plugin.indexOf(':');
        if (colon < 0 || plugin.startsWith("http", colon + 1)) {
            return plugin;
        }
        Path target = Path.of(plugin.substring(colon + 1)).toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".daxspec-check", ".tmp");
        outputs.put(plugin, new Path[] {tmp, target});
        return plugin.substring(0, colon + 1) + tmp;
    }

    private static void discard(Map<String, Path[]> outputs) throws IOException {
        for (Path[] staged : outputs.values()) {
            Files.deleteIfExists(staged[0]);
        }
    }
}

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
            "Each scenario is compiled once, through Cucumber and the step vocabulary, into"
                    + " a program and the claims its Then steps make about the program's transcript."
                    + " It must pass on the correct oracle. Then it runs on every kernel variant (one"
                    + " historical bug each, see 'daxspec predict --kernel-variant'): a variant is"
                    + " killed by a scenario when one of its claims fails there. Prints a line per"
                    + " scenario, the kill matrix (variants by feature), the scenarios that kill each"
                    + " variant, and a count. Each variant breaks one rule (B1..B11, tagged @B1..@B11):"
                    + " a check of some of the features judges only the variants of the rules their"
                    + " scenarios state, and names the variants it left out.",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec check                                 # every feature under features/",
            "  daxspec check features/io                     # one folder",
            "  daxspec check --tags '@seed:002'              # one thread (Zwisler, 2016)",
            "  daxspec check --tags '@touches:fs/dax.c:dax_iomap_pmd_fault'",
            "  daxspec check --junit target/check.xml --plugin html:target/features.html",
            "  daxspec check --list-steps                    # the step vocabulary",
            "",
            "Exit status: 0 when every scenario passes on the correct oracle and every"
                    + " variant judged is killed; 1 when a scenario fails or a variant judged survives"
                    + " (named at the end); 2 for bad input: a syntax error, an undefined or ambiguous"
                    + " step, a value out of range, a target the oracle cannot mount, a program it"
                    + " cannot predict, each printed as FILE:LINE: MESSAGE. Then nothing is printed or"
                    + " written besides.",
        })
final class CheckCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--tags",
            paramLabel = "EXPR",
            description =
                    "Only scenarios matching this Cucumber tag expression, e.g. '@seed:004 and not @page-size:64KiB'."
                            + " @seed:NNN is a mailing-list thread (docs/threads.md: 004 is Nick Piggin's XIP fixes of 2007).")
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
            checkListStepsAlone();
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
        for (String p : plugins) {
            pluginFile(p).ifPresent(f -> OutputFile.checkWritable("--plugin " + p.substring(0, p.indexOf(':') + 1), f));
        }
        List<Path> selected = paths.isEmpty() ? List.of(Home.features()) : paths;
        Map<String, Path[]> outputs = new LinkedHashMap<>();
        List<Path> createdDirs = new ArrayList<>();
        List<String> cucumberPlugins = new ArrayList<>();
        for (String p : plugins) {
            cucumberPlugins.add(staged(p, outputs, createdDirs));
        }
        CheckResult result;
        try {
            result = Check.run(selected, Optional.ofNullable(tags), cucumberPlugins, new StderrProgress(err));
        } catch (InvalidFeatures e) {
            discard(outputs, createdDirs);
            e.errors().forEach(err::println);
            err.flush();
            return 2;
        } catch (IllegalArgumentException e) {
            discard(outputs, createdDirs);
            throw new UserError(cucumberProblem(e.getMessage(), cucumberPlugins));
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

    /** --list-steps prints the vocabulary and nothing else: anything given with it is a mistake. */
    private void checkListStepsAlone() {
        List<String> extra = new ArrayList<>();
        paths.forEach(p -> extra.add("'" + p + "'"));
        if (tags != null) {
            extra.add("--tags");
        }
        if (junit != null) {
            extra.add("--junit");
        }
        if (kills != null) {
            extra.add("--kills");
        }
        if (!plugins.isEmpty()) {
            extra.add("--plugin");
        }
        if (transcripts) {
            extra.add("--transcripts");
        }
        if (!extra.isEmpty()) {
            throw new UserError("--list-steps prints the step vocabulary and checks nothing; drop "
                    + String.join(", ", extra) + " or --list-steps");
        }
    }

    /** The file a plugin writes, {@code FILE} of {@code html:FILE}; none for {@code pretty} or a URL. */
    private static Optional<Path> pluginFile(String plugin) {
        int colon = plugin.indexOf(':');
        if (colon < 0 || plugin.startsWith("http", colon + 1)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(plugin.substring(colon + 1)));
    }

    /**
     * A plugin writing to a file writes to a temporary file next to it, moved into place
     * only when the check completes, so an aborted check leaves nothing half-written; the
     * directories created for it are recorded, for {@link #discard} to remove.
     */
    private static String staged(String plugin, Map<String, Path[]> outputs, List<Path> createdDirs)
            throws IOException {
        Optional<Path> file = pluginFile(plugin);
        if (file.isEmpty()) {
            return plugin;
        }
        Path target = file.get().toAbsolutePath();
        Path dir = target.getParent();
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
            missing.add(0, d);
        }
        Files.createDirectories(dir);
        createdDirs.addAll(missing);
        Path tmp = Files.createTempFile(dir, ".daxspec-check", ".tmp");
        outputs.put(plugin, new Path[] {tmp, target});
        return plugin.substring(0, plugin.indexOf(':') + 1) + tmp;
    }

    /** Removes the staged files and, deepest first, the directories created for them. */
    private static void discard(Map<String, Path[]> outputs, List<Path> createdDirs) throws IOException {
        for (Path[] staged : outputs.values()) {
            Files.deleteIfExists(staged[0]);
        }
        for (int i = createdDirs.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(createdDirs.get(i));
        }
    }

    /**
     * Cucumber's refusal of a plugin or of the tag expression as one line, naming the option.
     * Its message for a plugin names the plugin as it was given to Cucumber (the staged file's
     * name) on a first line, then the reason after a blank line.
     */
    private String cucumberProblem(String message, List<String> cucumberPlugins) {
        List<String> lines = message.lines().filter(l -> !l.isBlank()).toList();
        for (int i = 0; i < plugins.size(); i++) {
            if (lines.get(0).contains("'" + cucumberPlugins.get(i) + "'")) {
                return "--plugin " + plugins.get(i) + ": " + (lines.size() > 1 ? lines.get(1) : lines.get(0))
                        + " (Cucumber's plugins: html:FILE, json:FILE, junit:FILE, message:FILE, rerun:FILE,"
                        + " pretty, progress, summary, usage)";
            }
        }
        return (tags != null && lines.get(0).startsWith("Tag expression") ? "--tags " + tags + ": " : "")
                + lines.get(0);
    }
}

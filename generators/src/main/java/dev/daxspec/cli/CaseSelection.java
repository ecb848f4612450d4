package dev.daxspec.cli;

import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.ConformanceCase;
import dev.daxspec.emit.FeatureTestCases;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Evaluation;
import dev.daxspec.spec.FeatureIndex;
import dev.daxspec.spec.Features;
import dev.daxspec.spec.InvalidFeatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.io.FilenameUtils;
import org.apache.commons.io.IOCase;

/** Reads conformance case files, or features as cases, and picks cases by name: shared by conform and generate. */
final class CaseSelection {

    /** The page size of the x86-64 kernels the VM boots. */
    private static final int VM_PAGE_SIZE = 4096;

    private CaseSelection() {}

    /**
     * The cases in {@code paths} (files, or directories searched for {@code *.case}, in
     * name order; {@code fixtures/conformance} when empty) whose name matches one of
     * {@code globs} (all when empty).
     *
     * @throws UserError for a missing path, problems in the files (each printed to
     *     {@code err} as {@code file:line: message}) or no case selected
     */
    static List<ConformanceCase> load(List<Path> paths, List<String> globs, PrintWriter err) throws IOException {
        List<Path> roots = paths.isEmpty() ? List.of(Home.conformance()) : paths;
        List<Path> files = new ArrayList<>();
        for (Path p : roots) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".case")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UserError(p + ": no such case file or directory");
            }
        }
        CaseFileParser parser = new CaseFileParser();
        for (Path f : files) {
            parser.parse(f);
        }
        if (!parser.problems().isEmpty()) {
            throw UserError.of(parser.problems(), err);
        }
        List<ConformanceCase> cases =
                parser.cases().stream().filter(c -> selected(c, globs)).toList();
        if (cases.isEmpty()) {
            throw new UserError(
                    globs.isEmpty()
                            ? "no case in "
                                    + String.join(
                                            ", ",
                                            roots.stream().map(Path::toString).toList())
                                    + " (a case file holds 'case NAME' blocks; see README.md)"
                            : "no case matches --case "
                                    + String.join(
                                            " --case ",
                                            globs.stream()
                                                    .map(g -> "'" + g + "'")
                                                    .toList()) + " ('daxspec conform --list' prints the case names)");
        }
        return cases;
    }

    /**
     * The scenarios of the features in {@code paths} ({@code features/} when empty) as
     * cases: a scenario's id is the case name, its program the case's; then picked by
     * {@code globs} as case files are. Scenarios that fail on the correct oracle are
     * refused: their expected transcripts would be wrong.
     *
     * @throws UserError for problems in the features (printed to {@code err}) or no scenario selected
     */
    static List<ConformanceCase> loadFeatures(List<Path> paths, List<String> globs, PrintWriter err) {
        List<Path> roots = paths.isEmpty() ? List.of(Home.features()) : paths;
        Map<CompiledScenario, Evaluation> compiled;
        FeatureIndex index = new FeatureIndex();
        try {
            List<Path> compile = roots;
            if (!globs.isEmpty()) {
                // --case is held to the ids the files give, before compiling them takes seconds,
                // and only the files with a scenario it picks are compiled (ci/test's 27 scenarios
                // are in 3 files: 3.4 s of CPU instead of 7.4 s); a file that does not parse is
                // left for compile to report, with every other
                List<Path> files = Features.featureFiles(roots);
                if (files.stream().allMatch(f -> index.syntaxErrors(f).isEmpty())) {
                    compile = files.stream()
                            .filter(f -> index.scenarioIds(f).stream()
                                    .anyMatch(id -> globs.stream().anyMatch(g -> matches(id, g))))
                            .toList();
                    if (compile.isEmpty()) {
                        throw noScenarioMatches(globs);
                    }
                }
            }
            compiled = Features.compile(compile, Optional.empty(), List.of(), new StderrProgress(err), index);
        } catch (InvalidFeatures e) {
            throw UserError.of(e.errors(), err);
        }
        List<ConformanceCase> cases = new ArrayList<>();
        compiled.forEach((s, e) -> {
            if (!e.holds()) {
                throw new UserError(s.location() + ": fails on the correct oracle ('daxspec check' shows why)");
            }
            ConformanceCase c = new ConformanceCase(s.id(), Path.of(s.file()), s.line(), s.name(), s.program());
            if (!selected(c, globs)) {
                return;
            }
            // The VM boots an x86-64 kernel: the 16 KiB and 64 KiB page scenarios (arm64,
            // ppc64) have nothing to run on here.
            int page = s.program().target().pageSize();
            if (page != VM_PAGE_SIZE) {
                err.println("daxspec: leaving out " + s.id() + " (" + s.location() + "): its expected output is"
                        + " for " + page + "-byte pages; the VM's kernel has " + VM_PAGE_SIZE);
                return;
            }
            cases.add(c);
        });
        if (cases.isEmpty()) {
            throw noScenarioMatches(globs);
        }
        return cases;
    }

    private static UserError noScenarioMatches(List<String> globs) {
        return new UserError("no scenario matches --case "
                + String.join(" --case ", globs.stream().map(g -> "'" + g + "'").toList())
                + " ('daxspec conform --features --list' prints the scenario ids)");
    }

    /** The known-deviations file in use: {@code given}, or the one beside the features or the case files. */
    static Path knownFile(Path given, boolean features) {
        return given != null
                ? given
                : (features ? Home.features() : Home.conformance()).resolve("known-deviations.json");
    }

    /**
     * The known deviations of {@link #knownFile}; a features directory without the file has
     * none (a user's own features need not record any).
     *
     * @throws UserError when the file cannot be read or is not a list of known deviations
     */
    static KnownDeviations known(Path given, boolean features) {
        if (given != null) {
            // a default that is missing means none; a file the user named must be there
            InputFile.checkReadable("--known", given, "a known-deviations JSON file");
        }
        try {
            return given == null && features
                    ? FeatureTestCases.knownIn(Home.features())
                    : KnownDeviations.load(knownFile(given, features));
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static boolean selected(ConformanceCase c, List<String> globs) {
        return globs.isEmpty() || globs.stream().anyMatch(glob -> matches(c.name(), glob));
    }

    /**
     * Whether a case called {@code name} is picked by {@code glob}: {@code *} and {@code ?}
     * are the only wildcards, every other character stands for itself; a glob naming a case
     * also picks its per-target variants ({@code NAME@TARGET}).
     */
    static boolean matches(String name, String glob) {
        return FilenameUtils.wildcardMatch(name, glob, IOCase.SENSITIVE)
                || FilenameUtils.wildcardMatch(name, glob + "@*", IOCase.SENSITIVE);
    }
}

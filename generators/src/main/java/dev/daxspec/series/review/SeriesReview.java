package dev.daxspec.series.review;

import dev.daxspec.check.Check;
import dev.daxspec.check.CheckResult;
import dev.daxspec.check.ScenarioResult;
import dev.daxspec.emit.FeatureTestCases;
import dev.daxspec.emit.Format;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.emit.SuiteOptions;
import dev.daxspec.emit.TargetedSuite;
import dev.daxspec.emit.TestCase;
import dev.daxspec.explore.KernelChanges;
import dev.daxspec.series.Series;
import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import dev.daxspec.series.calls.CallGraph;
import dev.daxspec.series.impact.GuardedScenario;
import dev.daxspec.series.impact.Impact;
import dev.daxspec.series.impact.ImpactReport;
import dev.daxspec.series.impact.KillMatrix;
import dev.daxspec.series.impact.TouchRules;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Evaluation;
import dev.daxspec.spec.FeatureIndex;
import dev.daxspec.spec.Features;
import dev.daxspec.spec.InvalidFeatures;
import dev.daxspec.spec.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The review of one patch series, as {@code daxspec series} makes it: the series read, the
 * features compiled once ({@link Features}), the variants each scenario kills (from a kill
 * matrix file, or by running the compiled scenarios on every variant as {@link Check} does),
 * the impact report, and from the same compiled scenarios the targeted tests and the plan
 * of {@code --explore}. Printing, and running the kernels, are the caller's.
 *
 * <p>Bad input is found before the features run: the kill matrix, the rules and the series
 * are read first. Immutable once made.
 */
public final class SeriesReview {

    /** The first number of a generated xfstests suite's tests, clear of current xfstests' own. */
    public static final int XFSTESTS_START = 1000;

    /** Where the series comes from. */
    public sealed interface Source permits Range, Mail {

        /** Reads it. */
        Series read() throws SeriesException;

        /** The repository the series' base is in, if any. */
        Optional<Path> repo();
    }

    /**
     * The commits of {@code BASE..HEAD} of a repository ({@link SeriesSource#fromRange}).
     *
     * @param repository a work tree, {@code .git} directory or bare repository
     * @param range {@code BASE..HEAD}
     */
    public record Range(Path repository, String range) implements Source {
        public Range {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(range, "range");
        }

        /**
         * {@inheritDoc}
         *
         * @throws SeriesException also for a range of no commits, or of merges only
         *     ({@link Problem#EMPTY_RANGE}): nothing to review, said before the features run
         */
        @Override
        public Series read() throws SeriesException {
            Series s = SeriesSource.fromRange(repository, range);
            if (s.commits().isEmpty()) {
                throw new SeriesException(
                        Problem.EMPTY_RANGE,
                        "range '" + range + "' in " + repository
                                + " holds no commit (merge commits are skipped): nothing to review");
            }
            return s;
        }

        @Override
        public Optional<Path> repo() {
            return Optional.of(repository);
        }
    }

    /**
     * Patch mail ({@link SeriesSource#fromMbox}), applied to {@code applyTo} of the repository
     * if one is given.
     *
     * @param mbox an mbox, an {@code .eml} or a bare patch
     * @param repo the repository the patches apply to, if any
     * @param applyTo the revision the first patch applies to, {@code HEAD} by default
     */
    public record Mail(Path mbox, Optional<Path> repo, String applyTo) implements Source {
        public Mail {
            Objects.requireNonNull(mbox, "mbox");
            Objects.requireNonNull(repo, "repo");
            Objects.requireNonNull(applyTo, "applyTo");
        }

        @Override
        public Series read() throws SeriesException {
            return SeriesSource.fromMbox(mbox, repo, applyTo);
        }
    }

    /**
     * What to review, and against what.
     *
     * @param source the series
     * @param features the features directory
     * @param rules the touches rules; empty: {@code touches.rules} in {@code features}
     * @param kills a kill matrix file {@code daxspec check --kills} wrote; empty: run the
     *     features on every variant now
     * @param callDepth the most calls between a touched function and a tag's; 0: no call graph
     */
    public record Request(Source source, Path features, Optional<Path> rules, Optional<Path> kills, int callDepth) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(kills, "kills");
            if (callDepth < 0) {
                throw new IllegalArgumentException("callDepth " + callDepth + " < 0");
            }
        }
    }

    private final Request request;
    private final Series series;
    private final ImpactReport report;
    /** The scenarios that pass on the correct oracle, with their evaluations there, in order. */
    private final Map<CompiledScenario, Evaluation> passing;

    private final SortedSet<String> unknownKillIds;

    private SeriesReview(
            Request request,
            Series series,
            ImpactReport report,
            Map<CompiledScenario, Evaluation> passing,
            SortedSet<String> unknownKillIds) {
        this.request = request;
        this.series = series;
        this.report = report;
        this.passing = passing;
        this.unknownKillIds = unknownKillIds;
    }

    /**
     * Reads the series, compiles the features once and analyses what the series touches.
     *
     * @param progress told how the compilation (and, without a kill matrix, the runs on the
     *     variants) get on
     * @throws SeriesException for a bad kill matrix, rules file or series (found before the
     *     features run; a kill matrix that lacks scenarios of the features too), or a
     *     features directory that is missing or has no feature file
     *     ({@link Problem#BAD_FEATURES})
     * @throws InvalidFeatures for features the compiler refuses, every problem
     *     {@code file:line: message}
     */
    public static SeriesReview of(Request request, Progress progress) throws SeriesException, InvalidFeatures {
        Path features = request.features();
        List<Path> files = featureFiles(features);
        FeatureIndex index = new FeatureIndex();
        Map<String, SortedSet<String>> matrix = Map.of();
        if (request.kills().isPresent()) {
            matrix = KillMatrix.read(request.kills().get());
            // A partial matrix is refused before any work: the ids come from the compiler's
            // own index of the Gherkin, which the compilation below reads again from memory.
            List<String> errors = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Path f : files) {
                index.syntaxErrors(f).forEach(e -> errors.add(e.toString()));
                ids.addAll(index.scenarioIds(f));
            }
            if (!errors.isEmpty()) {
                throw new InvalidFeatures(errors);
            }
            refusePartial(request.kills().get(), features, KillMatrix.missingIds(matrix, ids), ids.size());
        }
        // The rules and the series are read before the features are compiled: bad input is
        // reported at once, not after the features ran on every variant.
        TouchRules rules = TouchRules.parse(request.rules().orElse(features.resolve("touches.rules")));
        Series series = request.source().read();
        List<CompiledScenario> compiled;
        Map<CompiledScenario, Evaluation> passing = new LinkedHashMap<>();
        if (request.kills().isEmpty()) {
            // The oracle runs every scenario on every variant in seconds: the report can name
            // the variants without a kill matrix file.
            CheckResult checked = Check.run(List.of(features), Optional.empty(), List.of(), progress);
            Map<String, SortedSet<String>> m = new TreeMap<>();
            checked.killMatrix().forEach((id, v) -> m.put(id, new TreeSet<>(v)));
            matrix = m;
            compiled =
                    checked.scenarios().stream().map(ScenarioResult::scenario).toList();
            checked.scenarios().stream()
                    .filter(ScenarioResult::passes)
                    .forEach(r -> passing.put(r.scenario(), r.correct()));
        } else {
            Map<CompiledScenario, Evaluation> c =
                    Features.compile(List.of(features), Optional.empty(), List.of(), progress, index);
            compiled = List.copyOf(c.keySet());
            c.forEach((s, e) -> {
                if (e.holds()) {
                    passing.put(s, e);
                }
            });
        }
        Map<String, SortedSet<String>> kills = matrix;
        List<GuardedScenario> scenarios =
                compiled.stream().map(s -> GuardedScenario.of(s, kills)).toList();
        ImpactReport report = Impact.analyse(
                        series, scenarios, rules, callGraph(request, series, scenarios, rules), request.callDepth())
                .withKillMatrix(Optional.of(
                        request.kills().map(Path::toString).orElse("of 'daxspec check " + features + "', run now")));
        SortedSet<String> unknown =
                request.kills().isPresent() ? KillMatrix.unknownIds(matrix, scenarios) : new TreeSet<>();
        return new SeriesReview(request, series, report, passing, unknown);
    }

    /** @return the series as it was read */
    public Series series() {
        return series;
    }

    /** @return the impact report */
    public ImpactReport report() {
        return report;
    }

    /**
     * @return the scenario ids of the kill matrix file that the features lack, a sign it was
     *     written for other features; none without a file
     */
    public SortedSet<String> unknownKillIds() {
        return unknownKillIds;
    }

    /** @return the ids of the scenarios guarding the series, as the report lists them */
    public List<String> guardingIds() {
        return report.selected().stream().map(s -> s.scenario().id()).toList();
    }

    /**
     * The targeted tests: taken from a suite {@code daxspec generate} wrote, or made from the
     * compiled scenarios as {@code daxspec generate} makes them (a scenario that fails on the
     * correct oracle has none, since its expected output would be wrong).
     *
     * @param suite the suite to take them from; empty: generate them
     * @param format the format to generate, or the one {@code suite} must have; empty: shell,
     *     or the suite's
     * @throws SeriesException ({@link Problem#BAD_SUITE}) when {@code suite} is not a suite,
     *     or not of {@code format}; ({@link Problem#UNREADABLE}) when the features' known
     *     deviations cannot be read
     */
    public TargetedSuite targetedTests(Optional<Path> suite, Optional<Format> format) throws SeriesException {
        if (suite.isEmpty()) {
            Path features = request.features();
            KnownDeviations known;
            try {
                known = FeatureTestCases.knownIn(features);
            } catch (IOException e) {
                throw new SeriesException(
                        Problem.UNREADABLE,
                        "cannot read " + features.resolve("known-deviations.json") + ": " + e.getMessage(),
                        e);
            }
            return TargetedSuite.generated(
                    ids -> testsOf(ids, known),
                    format.orElse(Format.SHELL),
                    new SuiteOptions(OptionalInt.of(XFSTESTS_START), Optional.empty()));
        }
        TargetedSuite source;
        try {
            source = TargetedSuite.fromSuite(suite.get());
        } catch (IOException e) {
            throw new SeriesException(Problem.BAD_SUITE, e.getMessage(), e);
        }
        if (format.isPresent() && format.get() != source.format()) {
            throw new SeriesException(
                    Problem.BAD_SUITE,
                    suite.get() + " is a " + source.format().label()
                            + " suite, not " + format.get().label() + " (generate one with 'daxspec generate --format "
                            + format.get().label() + "')");
        }
        return source;
    }

    /**
     * The plan of {@code --explore}: programs drawn over what the guarding scenarios run (over
     * every scenario's when none guards), as {@link KernelChanges#touching} draws them.
     *
     * @param seed the programs' seed
     * @param maxCommands the most commands in one program
     * @param minutes how long to explore
     * @param shrinkBudget the most candidates one shrink runs on each kernel
     * @param out where the changes are written
     */
    public KernelChanges.Plan explorePlan(long seed, int maxCommands, double minutes, int shrinkBudget, Path out) {
        Set<String> wanted = new HashSet<>(guardingIds());
        return KernelChanges.touching(
                passing.keySet().stream()
                        .filter(s -> wanted.contains(s.id()))
                        .map(CompiledScenario::program)
                        .toList(),
                passing.keySet().stream().map(CompiledScenario::program).toList(),
                seed,
                maxCommands,
                0,
                minutes,
                shrinkBudget,
                out);
    }

    private List<TestCase> testsOf(Collection<String> ids, KnownDeviations known) {
        Set<String> wanted = new HashSet<>(ids);
        Map<CompiledScenario, Evaluation> tested = new LinkedHashMap<>(passing);
        tested.keySet().removeIf(s -> !wanted.contains(s.id()));
        return FeatureTestCases.of(tested, known);
    }

    /** The call graph of the series' base, or none (depth 0, mail without a repository). */
    private static CallGraph callGraph(
            Request request, Series series, List<GuardedScenario> scenarios, TouchRules rules) throws SeriesException {
        if (request.callDepth() == 0) {
            return CallGraph.none("--call-depth 0");
        }
        if (series.base().isEmpty() || request.source().repo().isEmpty()) {
            return CallGraph.none("patch mail read without --repo");
        }
        return SeriesSource.callGraph(
                request.source().repo().get(), series.base().get(), Impact.callGraphFiles(series, scenarios, rules));
    }

    /** A kill matrix that lacks scenarios of the features would say they kill nothing: refused. */
    private static void refusePartial(Path kills, Path features, Set<String> missing, int all) throws SeriesException {
        if (!missing.isEmpty()) {
            throw new SeriesException(
                    Problem.BAD_KILL_MATRIX,
                    kills + " lacks " + missing.size() + " of the " + all
                            + " scenarios of " + features + " (first: "
                            + missing.iterator().next() + "), so it would say"
                            + " they kill nothing; write it from all of them with 'daxspec check --kills " + kills + " "
                            + features + "', or leave out --kills");
        }
    }

    /** The feature files of a features directory, sorted; at least one, or the error the user sees. */
    private static List<Path> featureFiles(Path features) throws SeriesException {
        if (!Files.isDirectory(features)) {
            throw new SeriesException(
                    Problem.BAD_FEATURES, "no features directory " + features + " (give it with --features DIR)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(features)) {
            files = walk.filter(p -> p.toString().endsWith(".feature") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SeriesException(Problem.UNREADABLE, "cannot read the features in " + features + ": " + e, e);
        }
        if (files.isEmpty()) {
            throw new SeriesException(
                    Problem.BAD_FEATURES,
                    features + " has no scenarios (give the features directory with --features DIR)");
        }
        return files;
    }
}

package dev.daxspec.report;

import dev.daxspec.check.Check;
import dev.daxspec.check.CheckResult;
import dev.daxspec.check.ScenarioResult;
import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.Conformance;
import dev.daxspec.conform.ConformanceCase;
import dev.daxspec.diff.UnifiedDiff;
import dev.daxspec.emit.FeatureTestCases;
import dev.daxspec.emit.KnownDeviation;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.explore.Backend;
import dev.daxspec.explore.Exploration;
import dev.daxspec.junit.JUnitXml;
import dev.daxspec.oracle.fs.Unpredictable;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Transcript;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.spec.InvalidFeatures;
import dev.daxspec.spec.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real inputs for the report's tests, made by the project's own code: the bundled features
 * checked once per JVM, and three kernel runs in the files daxspec writes (JUnit through
 * {@link JUnitXml}, transcripts as {@code conform --record} keeps them):
 * <ol>
 * <li>{@code 6.1.0-56-amd64}: conform's layout, each scenario's transcript the oracle's except
 *     where a real 6.1.0-56 kernel's transcript is recorded in features/known-deviations.json
 *     (so those are KNOWN-DEVIATION), with {@code ID.out} files; and the conformance cases
 *     judged against the transcripts that kernel printed (fixtures/conformance/recorded);</li>
 * <li>{@code eof-block-not-zeroed}: conform's layout, every transcript that variant's;</li>
 * <li>{@code dax-fault-eof-rounding}: run's layout (test output, the diff on a failure, crash
 *     scenarios not run).</li>
 * </ol>
 */
final class Inputs {

    static final Path ROOT = root();
    private static CheckResult check;

    private Inputs() {}

    /** The bundled features checked, once per JVM. */
    static synchronized CheckResult check() {
        if (check == null) {
            try {
                check = Check.run(List.of(ROOT.resolve("features")), Optional.empty(), List.of(), Progress.NONE);
            } catch (InvalidFeatures e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return check;
    }

    static KnownDeviations known() {
        try {
            return FeatureTestCases.knownIn(ROOT.resolve("features"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the three runs under {@code dir} and returns their directories, in the order above. */
    static List<Path> threeRuns(Path dir) throws IOException {
        Path recorded = Files.createDirectories(dir.resolve("6.1.0-56"));
        conform(recorded.resolve("conform-features.xml"), "6.1.0-56-amd64", Kernel.CORRECT, true, recorded);
        conformanceCases(recorded.resolve("conform.xml"), "6.1.0-56-amd64");
        Path b6 = Files.createDirectories(dir.resolve("b6"));
        conform(
                b6.resolve("conform-features.xml"),
                "variant:eof-block-not-zeroed",
                Kernel.with(Bug.EOF_BLOCK_NOT_ZEROED),
                false,
                b6);
        Path b2 = Files.createDirectories(dir.resolve("b2"));
        run(b2.resolve("shell.xml"), "variant:dax-fault-eof-rounding", Kernel.with(Bug.DAX_FAULT_EOF_ROUNDING));
        return List.of(recorded, b6, b2);
    }

    /** Each scenario as conform --features --junit --record writes it, on {@code kernel}. */
    private static void conform(Path file, String release, Kernel kernel, boolean recordedDeviations, Path record)
            throws IOException {
        KnownDeviations known = known();
        JUnitXml x = new JUnitXml("daxspec.conform");
        x.property(KernelResults.KERNEL_PROPERTY, release);
        for (ScenarioResult v : check().scenarios()) {
            String id = v.scenario().id();
            String cls = "conform."
                    + v.scenario().feature().replaceFirst("\\.feature$", "").replace('/', '.');
            List<String> expected = v.correct().transcripts();
            Optional<KnownDeviation> d = known.forCase(id);
            Optional<String> actual =
                    recordedDeviations && d.isPresent() ? Optional.of(d.get().transcript()) : first(v, kernel);
            if (actual.isEmpty()) {
                x.error(cls, id, 0, "unpredictable", "the oracle cannot predict it on " + release, "");
                continue;
            }
            String a = actual.get();
            if (record != null && recordedDeviations) {
                Files.writeString(record.resolve(id + ".out"), a);
            }
            if (expected.contains(a)) {
                x.pass(cls, id, 0.1, a);
            } else if (d.isPresent() && d.get().transcript().equals(a)) {
                x.pass(
                        cls,
                        id,
                        0.1,
                        "KNOWN-DEVIATION: departs from " + d.get().rule() + " (seed "
                                + d.get().seed() + "): " + d.get().why() + "\n" + a);
            } else {
                x.fail(
                        cls,
                        id,
                        0.1,
                        "transcript-differs",
                        "kernel transcript differs from the oracle's",
                        UnifiedDiff.of("oracle/" + id, Conformance.closest(expected, a), "kernel/" + id, a),
                        a);
            }
        }
        x.write(file);
    }

    /** The conformance cases judged against the transcripts a real 6.1.0-56 kernel printed. */
    private static void conformanceCases(Path file, String release) throws IOException {
        CaseFileParser parser = new CaseFileParser();
        try (Stream<Path> files = Files.list(ROOT.resolve("fixtures/conformance"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".case")).sorted().toList()) {
                parser.parse(f);
            }
        }
        KnownDeviations known = KnownDeviations.load(ROOT.resolve("fixtures/conformance/known-deviations.json"));
        JUnitXml x = new JUnitXml("daxspec.conform");
        x.property(KernelResults.KERNEL_PROPERTY, release);
        for (ConformanceCase c : parser.cases()) {
            String cls = "conform." + c.file().getFileName().toString().replaceFirst("\\.case$", "");
            String actual = Files.readString(ROOT.resolve("fixtures/conformance/recorded/" + c.name() + ".out"));
            List<String> expected = Conformance.expected(c);
            Optional<KnownDeviation> d =
                    known.forCase(c.name()).filter(k -> k.transcript().equals(actual));
            if (expected.contains(actual)) {
                x.pass(cls, c.name(), 0.1, actual);
            } else if (d.isPresent()) {
                x.pass(
                        cls,
                        c.name(),
                        0.1,
                        "KNOWN-DEVIATION: departs from " + d.get().rule() + ": "
                                + d.get().why() + "\n" + actual);
            } else {
                x.fail(
                        cls,
                        c.name(),
                        0.1,
                        "transcript-differs",
                        "kernel transcript differs from the oracle's",
                        UnifiedDiff.of("oracle", Conformance.closest(expected, actual), "kernel", actual),
                        actual);
            }
        }
        x.write(file);
    }

    /** Each scenario's shell test as run --junit writes it: crash scenarios are not run in this layout. */
    private static void run(Path file, String release, Kernel kernel) throws IOException {
        JUnitXml x = new JUnitXml("daxspec.run");
        x.property(KernelResults.KERNEL_PROPERTY, release);
        for (ScenarioResult v : check().scenarios()) {
            String id = v.scenario().id();
            String cls = "run.tests." + v.scenario().feature().replaceFirst("/.*", "");
            if (v.scenario().program().steps().stream().anyMatch(CrashStep.class::isInstance)) {
                x.skip(cls, id, "crash scenarios run under conform --features");
                continue;
            }
            Optional<String> actual = first(v, kernel);
            String expected = v.correct().transcripts().get(0);
            if (actual.isPresent() && actual.get().equals(expected)) {
                x.pass(cls, id, 0.2, "PASS " + id + "\n");
            } else {
                String out = UnifiedDiff.of("expected (" + id + ".out)", expected, "actual", actual.orElse(""))
                        + "FAIL " + id + "\n";
                x.fail(cls, id, 0.2, "output-differs", "the output differs from the expected output", out, out);
            }
        }
        x.write(file);
    }

    /** What daxspec explore against the variant dax-fault-eof-rounding writes for 400 programs, seed 7, in {@code out}. */
    static Path exploration(Path out) throws IOException {
        Exploration.Plan plan = new Exploration.Plan(
                List.of(Target.DEFAULT), 7, 12, Optional.empty(), "", 400, 0, 1, 1, 300, false, out, Optional.empty());
        try (Backend b = Exploration.backend(
                "variant:" + Bug.DAX_FAULT_EOF_ROUNDING.id(), out, null, Optional.empty(), e -> {})) {
            Exploration.run(plan, b, List.of(), new PrintWriter(Writer.nullWriter()));
        }
        return out;
    }

    private static Optional<String> first(ScenarioResult v, Kernel kernel) {
        try {
            return Optional.of(ProgramRunner.outcomes(v.scenario().program(), kernel).stream()
                    .map(Transcript::text)
                    .findFirst()
                    .orElseThrow());
        } catch (Unpredictable | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("features"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no features/ above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}

package dev.daxspec.explore;

import dev.daxspec.conform.CaseWriter;
import dev.daxspec.diff.UnifiedDiff;
import dev.daxspec.emit.Format;
import dev.daxspec.emit.SuiteOptions;
import dev.daxspec.emit.SuiteWriter;
import dev.daxspec.emit.TestCase;
import dev.daxspec.oracle.explore.ProgramGenerator;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a finding's directory, {@code OUT/findings/NNN/}:
 * <ul>
 * <li>{@code finding.txt}: what it is, where and how it was found;</li>
 * <li>{@code program.case} and {@code original.case}: the shrunk and the first program as
 *     conformance cases, to copy into {@code fixtures/conformance/};</li>
 * <li>{@code oracle.out}, {@code kernel.out} and {@code diff}: the transcripts of the shrunk program;</li>
 * <li>{@code scenario.feature}: a draft scenario in the step vocabulary (raw xfs_io steps
 *     with the oracle's output), which passes on the oracle and fails where the kernel differs;</li>
 * <li>{@code shell/}: the shrunk program as a one-test shell suite, for {@code daxspec run} or by hand.</li>
 * </ul>
 * Stateless.
 */
final class FindingFiles {

    private FindingFiles() {}

    /** Writes {@code f}'s directory under {@code findings} and returns its summary entry. */
    static Summary.Entry write(Path findings, Finding f, Backend backend) throws IOException {
        Path dir = Files.createDirectories(findings.resolve(f.directory()));
        String diff = UnifiedDiff.of("oracle.out", f.expected(), "kernel.out", f.actual());
        Files.writeString(dir.resolve("oracle.out"), f.expected());
        Files.writeString(dir.resolve("kernel.out"), f.actual());
        Files.writeString(dir.resolve("diff"), diff);
        String about = f.signature() + ": found by daxspec explore against " + backend.release() + ", seed " + f.seed();
        String name = "explore-" + f.directory();
        Files.writeString(
                dir.resolve("program.case"),
                "# Shrunk from original.case.\n" + CaseWriter.write(name, about, f.shrunk()));
        Files.writeString(dir.resolve("original.case"), CaseWriter.write(name + "-original", about, f.original()));
        String known = f.known()
                .map(k -> k.name() + ": departs from " + k.rule() + ": " + k.why())
                .orElse("");
        Files.writeString(
                dir.resolve("finding.txt"),
                String.join(
                        "\n",
                        f.status() + " " + f.signature(),
                        "backend: " + backend.describe(),
                        "kernel: " + backend.release(),
                        "target: " + f.shrunk().target(),
                        "program " + f.index() + " of the exploration, seed " + f.seed() + ", "
                                + ProgramGenerator.commands(f.original()) + " commands, shrunk to "
                                + ProgramGenerator.commands(f.shrunk()),
                        "programs showing it: " + f.programs(),
                        known.isEmpty() ? "not a known deviation" : "known deviation " + known,
                        ""));
        Optional<String> scenario = scenario(f, backend);
        Files.writeString(
                dir.resolve("scenario.feature"),
                scenario.orElse(
                        "# No draft scenario: daxspec-probe runs have no step; program.case holds the program.\n"));
        if (f.shrunk().steps().stream().noneMatch(CrashStep.class::isInstance)) {
            TestCase tc =
                    TestCase.predicted(name, f.signature(), List.of(about), List.of(), f.shrunk(), Optional.empty());
            SuiteWriter.write(List.of(tc), Format.SHELL, dir.resolve("shell"), SuiteOptions.NONE);
        }
        List<String> program = f.shrunk().steps().stream().map(Step::toString).toList();
        List<String> diffLines = diff.lines()
                .filter(l -> (l.startsWith("+") || l.startsWith("-")) && !l.startsWith("+++") && !l.startsWith("---"))
                .toList();
        return new Summary.Entry(
                f.directory(),
                f.status(),
                f.signature(),
                f.known().map(k -> k.name() + " (" + k.rule() + ")").orElse(""),
                f.shrunk().target().toString(),
                f.seed(),
                f.programs(),
                ProgramGenerator.commands(f.shrunk()),
                program,
                diffLines);
    }

    /**
     * The draft scenario: the target, then each step as a step of the vocabulary, each xfs_io
     * run followed by what the oracle says it prints. Empty when a step has no step in the
     * vocabulary (daxspec-probe). Tracepoint counts are left out: raw steps do not trace.
     */
    static Optional<String> scenario(Finding f, Backend backend) {
        Program p = f.shrunk();
        List<Step> plain = new ArrayList<>();
        for (Step s : p.steps()) {
            if (s instanceof XfsIoStep x) {
                if (x.invocation().probe()) {
                    return Optional.empty();
                }
                plain.add(new XfsIoStep(x.invocation(), false));
            } else {
                plain.add(s);
            }
        }
        Program untraced = new Program(p.target(), plain);
        String transcript =
                ProgramRunner.outcomes(untraced, backend.reference()).get(0).text();
        List<String> outputs = outputs(transcript, plain);
        Target t = p.target();
        StringBuilder sb = new StringBuilder();
        sb.append("# A draft from daxspec explore, finding ")
                .append(f.directory())
                .append(": ")
                .append(f.signature())
                .append(".\n");
        sb.append("# It passes on the oracle and fails against ")
                .append(backend.release())
                .append(". Give it a rule and a thread before it joins features/.\n");
        sb.append("Feature: explore finding ").append(f.directory()).append("\n\n");
        sb.append("  Scenario: ")
                .append(f.signature())
                .append(" on ")
                .append(t.fs())
                .append(" on ")
                .append(t.device().kind())
                .append('\n');
        String opts = t.mount().spelled().isEmpty() ? "defaults" : t.mount().spelled();
        sb.append("    Given ")
                .append(t.fs())
                .append(" on ")
                .append(t.device().kind())
                .append(" mounted with ")
                .append(opts)
                .append('\n');
        if (t.blockSize() != 4096) {
            sb.append("    And the filesystem has ")
                    .append(t.blockSize() / 1024)
                    .append(" KiB blocks\n");
        }
        if (t.device().size() != Target.DEFAULT_DEVICE_SIZE) {
            sb.append("    And the device holds ")
                    .append(t.device().size() >> 20)
                    .append(" MiB\n");
        }
        sb.append("    And an empty file \"").append(ProgramGenerator.FILE).append("\"\n");
        int out = 0;
        String keyword = "When";
        for (Step s : plain) {
            if (s instanceof FillStep fill) {
                sb.append("    And the filesystem is filled, leaving ")
                        .append(fill.freeBlocks())
                        .append(" blocks free\n");
            } else if (s instanceof RemountStep) {
                sb.append("    ").append(keyword).append(" the filesystem is unmounted and mounted again\n");
                keyword = "And";
            } else if (s instanceof CrashStep) {
                sb.append("    ").append(keyword).append(" the system crashes\n");
                keyword = "And";
            } else if (s instanceof XfsIoStep x) {
                sb.append("    ")
                        .append(keyword)
                        .append(" xfs_io runs on \"")
                        .append(x.invocation().file())
                        .append("\":\n      \"\"\"\n");
                x.invocation()
                        .ops()
                        .forEach(op -> sb.append("      ").append(op).append('\n'));
                sb.append("      \"\"\"\n    Then xfs_io prints:\n      \"\"\"\n");
                String o = out < outputs.size() ? outputs.get(out) : "";
                o.lines()
                        .forEach(l -> sb.append(l.isEmpty() ? "" : "      " + l).append('\n'));
                sb.append("      \"\"\"\n");
                keyword = "When";
            }
            out++;
        }
        return Optional.of(sb.toString());
    }

    /** Each step's output in a transcript: what follows its {@code $ } line, up to the next one. */
    private static List<String> outputs(String transcript, List<Step> steps) {
        List<String> out = new ArrayList<>();
        List<String> lines = transcript.lines().toList();
        int i = 0;
        for (Step s : steps) {
            String command = "$ " + s;
            while (i < lines.size() && !lines.get(i).equals(command)) {
                i++;
            }
            StringBuilder sb = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("$ "); i++) {
                sb.append(lines.get(i)).append('\n');
            }
            out.add(sb.toString());
        }
        return out;
    }
}

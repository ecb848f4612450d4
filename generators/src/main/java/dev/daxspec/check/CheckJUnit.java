package dev.daxspec.check;

import dev.daxspec.junit.JUnitXml;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code daxspec check --junit FILE}: one test case per scenario on the correct oracle
 * (class: the feature), and one per kernel variant (class: {@code kill-matrix}) that
 * fails when no scenario kills it, or is skipped when no scenario checked states its rule.
 */
public final class CheckJUnit {

    private CheckJUnit() {}

    /** Writes the report to {@code file}, replacing it atomically. */
    public static void write(CheckResult r, Path file) throws IOException {
        JUnitXml x = new JUnitXml("daxspec check");
        double each = r.scenarios().isEmpty() ? 0 : r.seconds() / r.scenarios().size();
        for (ScenarioResult v : r.scenarios()) {
            CompiledScenario s = v.scenario();
            String name = s.name() + " (line " + s.line() + ")";
            String kills = "kills: "
                    + (v.kills().isEmpty()
                            ? "none"
                            : v.kills().stream().map(Bug::id).collect(Collectors.joining(", "))) + "\n";
            if (v.passes()) {
                x.pass(s.feature(), name, each, kills);
            } else {
                List<Violation> vs = v.correct().violations();
                x.fail(
                        s.feature(),
                        name,
                        each,
                        "claim-failed",
                        vs.get(0).expectation().step().toString(),
                        vs.stream().map(Violation::toString).collect(Collectors.joining("\n")),
                        String.join("\n---\n", v.correct().transcripts()));
            }
        }
        for (Bug b : Bug.values()) {
            List<ScenarioResult> killers = r.killers(b);
            String list = killers.stream()
                    .map(k -> k.scenario().location() + "  " + k.scenario().name())
                    .collect(Collectors.joining("\n"));
            if (killers.isEmpty() && !r.judges(b)) {
                x.skip("kill-matrix", b.id(), "not judged: no scenario checked states its rule " + b.rule());
            } else if (killers.isEmpty()) {
                x.fail(
                        "kill-matrix",
                        b.id(),
                        0,
                        "variant-not-killed",
                        "no scenario kills " + b.id() + ": " + b.summary(),
                        b.summary(),
                        null);
            } else {
                x.pass("kill-matrix", b.id(), 0, list + "\n");
            }
        }
        x.write(file);
    }
}

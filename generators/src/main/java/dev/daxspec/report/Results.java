package dev.daxspec.report;

import dev.daxspec.check.ScenarioResult;
import dev.daxspec.emit.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel runs given, looked up by test: each kernel's results for a scenario, its
 * verdict on it and its tally over a feature, and the results that are no scenario's
 * (conformance cases, say). Runs of one kernel release are told apart by a number after
 * the name. Immutable.
 */
final class Results {

    /** From most to least telling: a failure outweighs a pass of the same scenario in another file. */
    private static final List<Verdict> ORDER =
            List.of(Verdict.FAIL, Verdict.INFRA, Verdict.KNOWN_DEVIATION, Verdict.PASS, Verdict.NOTRUN);

    private final List<KernelResults> runs;
    private final List<Map<String, List<KernelResult>>> byTest = new ArrayList<>();

    Results(List<KernelResults> given) {
        List<KernelResults> named = new ArrayList<>();
        for (KernelResults r : given) {
            long same =
                    given.stream().filter(o -> o.kernel().equals(r.kernel())).count();
            long before = named.stream()
                    .filter(o -> o.kernel().startsWith(r.kernel() + " #"))
                    .count();
            named.add(same == 1 ? r : r.named(r.kernel() + " #" + (before + 1)));
        }
        this.runs = List.copyOf(named);
        for (KernelResults r : runs) {
            Map<String, List<KernelResult>> m = new LinkedHashMap<>();
            r.results()
                    .forEach(x ->
                            m.computeIfAbsent(x.test(), t -> new ArrayList<>()).add(x));
            byTest.add(m);
        }
    }

    List<KernelResults> runs() {
        return runs;
    }

    /** Kernel {@code k}'s results for {@code test}, in file order; empty when its run has none. */
    List<KernelResult> of(int k, String test) {
        return byTest.get(k).getOrDefault(test, List.of());
    }

    /** Kernel {@code k}'s verdict on {@code test}: the most telling of its results; empty without one. */
    Optional<Verdict> verdict(int k, String test) {
        return worst(of(k, test).stream().map(KernelResult::verdict).toList());
    }

    /** Kernel {@code k}'s verdicts on {@code scenarios}. */
    Tally tally(int k, List<ScenarioResult> scenarios) {
        List<Verdict> verdicts = new ArrayList<>();
        int absent = 0;
        for (ScenarioResult s : scenarios) {
            Optional<Verdict> v = verdict(k, s.scenario().id());
            if (v.isPresent()) {
                verdicts.add(v.get());
            } else {
                absent++;
            }
        }
        return Tally.of(verdicts, absent);
    }

    /** Kernel {@code k}'s results whose test is none of {@code scenarioIds}, in file order. */
    List<KernelResult> others(int k, Set<String> scenarioIds) {
        return runs.get(k).results().stream()
                .filter(r -> !scenarioIds.contains(r.test()))
                .toList();
    }

    /** The most telling of {@code verdicts}: FAIL, INFRA, KNOWN-DEVIATION, PASS, NOTRUN in that order. */
    static Optional<Verdict> worst(List<Verdict> verdicts) {
        return ORDER.stream().filter(verdicts::contains).findFirst();
    }
}

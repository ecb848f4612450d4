package dev.daxspec.check;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Evaluation;
import java.util.List;

/**
 * A scenario checked: on the correct oracle, and on each kernel variant.
 *
 * @param scenario the compiled scenario
 * @param correct its evaluation on the correct oracle
 * @param variants one result per {@link Bug}, in enum order
 */
public record ScenarioResult(CompiledScenario scenario, Evaluation correct, List<VariantResult> variants) {

    public ScenarioResult {
        variants = List.copyOf(variants);
    }

    /** Whether every claim holds on the correct oracle. */
    public boolean passes() {
        return correct.holds();
    }

    /**
     * The variants it kills; none when it fails on the correct oracle, since a claim that
     * is wrong there tells no variant from a correct kernel.
     */
    public List<Bug> kills() {
        if (!passes()) {
            return List.of();
        }
        return variants.stream()
                .filter(VariantResult::killed)
                .map(VariantResult::bug)
                .toList();
    }
}

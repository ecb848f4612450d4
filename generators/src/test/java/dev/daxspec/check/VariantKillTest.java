package dev.daxspec.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.spec.AuthoringError;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.Features;
import dev.daxspec.spec.InvalidFeatures;
import dev.daxspec.spec.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kill matrix of {@code daxspec check}, one test per historical-bug variant: the
 * scenarios tagged with the variant's rule all hold on the correct oracle and at least one
 * of them fails on the variant. {@code mvn -Pmutation} runs it beside the scenarios
 * ({@code FeaturesTest}) as the features' own tests, so that a change to the oracle that
 * leaves the correct kernel alone but undoes a variant (the code behind
 * {@link Kernel#has(Bug)}) is caught, as {@code daxspec check} would catch it. One variant a
 * test, and nothing kept between tests: PIT runs each alone, on a changed oracle.
 */
class VariantKillTest {

    @ParameterizedTest
    @EnumSource(Bug.class)
    void aScenarioOfItsRuleKillsTheVariant(Bug bug) throws InvalidFeatures {
        List<CompiledScenario> scenarios = List.copyOf(Features.compile(
                        List.of(Path.of("../features")), Optional.of("@" + bug.rule()), List.of(), Progress.NONE)
                .keySet());
        assertThat(scenarios.stream().filter(s -> kills(s, bug)).map(CompiledScenario::id))
                .as("scenarios tagged @%s that kill %s", bug.rule(), bug.id())
                .isNotEmpty();
    }

    /** As {@link Check#variants}: a scenario the oracle cannot predict on the variant does not kill it. */
    private static boolean kills(CompiledScenario s, Bug bug) {
        try {
            return !s.evaluate(Kernel.with(bug)).holds();
        } catch (AuthoringError e) {
            return false;
        }
    }
}

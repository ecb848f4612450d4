package dev.daxspec.emit;

import java.util.Collection;
import java.util.List;

/**
 * Turns scenarios into the test cases that check them: what {@code daxspec series}
 * needs from the step vocabulary to generate a targeted suite straight from the features
 * (see {@link TargetedSuite#generated}).
 *
 * <p>Contract: each returned test's id is a scenario id, or a scenario id followed by
 * {@code @} and the target ({@code mmap-eof_sigbus-23@ext4-pmem-dax=always-4096}), so that
 * {@link TargetedSuite#checks} ties it to its scenario; ids are unique; a scenario with no
 * test (unknown id, or none of its targets can be predicted) is simply absent.
 */
@FunctionalInterface
public interface ScenarioTests {

    /**
     * @param scenarioIds scenario ids as {@code dev.daxspec.spec.CompiledScenario#id()} gives them
     * @return the test cases of those scenarios
     */
    List<TestCase> testsOf(Collection<String> scenarioIds);
}

package dev.daxspec.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import io.cucumber.junit.platform.engine.Constants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What {@link FeaturesTest} relies on: the Cucumber engine, set up as there, really runs
 * the bundled scenarios (not zero of them), and fails a scenario whose claim is wrong on
 * the oracle or whose step the vocabulary does not know, instead of skipping it.
 */
class FeaturesEngineTest {

    @TempDir
    Path tmp;

    @Test
    void theBundledFeaturesRunAsAtLeastSixtyPassingTests() {
        TestExecutionSummary s = run(Path.of("../features"));
        assertThat(s.getFailures()).as(() -> failures(s)).isEmpty();
        assertThat(s.getTestsSucceededCount()).isGreaterThanOrEqualTo(60);
        assertThat(s.getTestsSkippedCount() + s.getTestsAbortedCount()).isZero();
    }

    @Test
    void aClaimTheOracleContradictsFailsItsScenario() throws IOException {
        // The file made by a Given step holds 0x61 (FileSteps), so 0x62 is wrong.
        write(
                "wrong.feature",
                "Feature: wrong\n  Scenario: a wrong claim\n"
                        + "    Given ext4 on pmem mounted with dax=always\n"
                        + "    And a file \"f\" of 1100 bytes\n"
                        + "    Then byte 0 reads as 0x62\n");
        TestExecutionSummary s = run(tmp);
        assertThat(s.getTestsFailedCount()).isEqualTo(1);
        assertThat(s.getFailures().get(0).getException()).isInstanceOf(ExpectationFailed.class);
    }

    @Test
    void anUndefinedStepFailsItsScenarioWithItsLine() throws IOException {
        write(
                "undefined.feature",
                "Feature: undefined\n  Scenario: a step nobody defined\n"
                        + "    Given ext4 on pmem mounted with dax=always\n"
                        + "    When the file is frobnicated\n");
        TestExecutionSummary s = run(tmp);
        assertThat(s.getTestsFailedCount()).isEqualTo(1);
        assertThat(s.getFailures().get(0).getException()).hasMessageContaining("undefined.feature:4");
    }

    private static String failures(TestExecutionSummary s) {
        StringBuilder sb = new StringBuilder();
        s.getFailures()
                .forEach(f -> sb.append(f.getTestIdentifier().getDisplayName())
                        .append(": ")
                        .append(f.getException())
                        .append('\n'));
        return sb.toString();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(tmp.resolve(name), text);
    }

    private static TestExecutionSummary run(Path dir) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(dir.toFile()))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter(Constants.GLUE_PROPERTY_NAME, "dev.daxspec.spec")
                .configurationParameter(Constants.OBJECT_FACTORY_PROPERTY_NAME, SpecObjectFactory.class.getName())
                .configurationParameter(Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, "true")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }
}

package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunFiguresTest {

    @Test
    void summaryIsOneLineWithMeansAndRate() {
        RunFigures figures = new RunFigures(
                185, 15, 1, Duration.ofMillis(4321), Duration.ofMillis(7960), Duration.ofMillis(239_700));
        assertThat(figures.summary())
                .isEqualTo("185 jobs, 15 boots (kernel 4.3 s, wall 8.0 s each), 46.3 jobs/min, 239.7 s");
    }

    @Test
    void oneOfAThingIsSingular() {
        RunFigures figures =
                new RunFigures(1, 1, 1, Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(30));
        assertThat(figures.summary()).isEqualTo("1 job, 1 boot (kernel 4.0 s, wall 8.0 s each), 2.0 jobs/min, 30.0 s");
    }

    @Test
    void severalVmsAreNamed() {
        RunFigures figures =
                new RunFigures(40, 3, 2, Duration.ofSeconds(4), Duration.ofSeconds(6), Duration.ofSeconds(60));
        assertThat(figures.summary())
                .isEqualTo("40 jobs on 2 VMs, 3 boots (kernel 4.0 s, wall 6.0 s each), 40.0 jobs/min, 60.0 s");
    }

    @Test
    void aRunThatOnlyRestoredSaysNothingOfBootTimes() {
        RunFigures figures = new RunFigures(
                8,
                0,
                2,
                Duration.ZERO,
                Duration.ZERO,
                3,
                Duration.ofMillis(460),
                0,
                Duration.ZERO,
                Duration.ofSeconds(12));
        assertThat(figures.summary())
                .isEqualTo("8 jobs on 2 VMs, 0 boots, 3 restores (0.5 s each), 40.0 jobs/min, 12.0 s");
    }

    @Test
    void crashesInPlaceAreCountedApart() {
        RunFigures figures = new RunFigures(
                240,
                0,
                2,
                Duration.ZERO,
                Duration.ZERO,
                2,
                Duration.ofMillis(400),
                21,
                Duration.ofMillis(260),
                Duration.ofSeconds(30));
        assertThat(figures.summary())
                .isEqualTo("240 jobs on 2 VMs, 0 boots, 2 restores (0.4 s each), 21 crashes in place (0.3 s each), "
                        + "480.0 jobs/min, 30.0 s");
        RunFigures one = new RunFigures(
                1,
                1,
                1,
                Duration.ofSeconds(4),
                Duration.ofSeconds(8),
                0,
                Duration.ZERO,
                1,
                Duration.ofMillis(200),
                Duration.ofSeconds(6));
        assertThat(one.summary())
                .isEqualTo("1 job, 1 boot (kernel 4.0 s, wall 8.0 s each), 1 crash in place (0.2 s each), "
                        + "10.0 jobs/min, 6.0 s");
    }

    @Test
    void twoRunsOnTheSameVmsAddUp() {
        RunFigures first = new RunFigures(
                10,
                2,
                2,
                Duration.ofSeconds(4),
                Duration.ofSeconds(8),
                1,
                Duration.ofSeconds(1),
                2,
                Duration.ofMillis(200),
                Duration.ofSeconds(20));
        RunFigures second = new RunFigures(
                2,
                0,
                2,
                Duration.ZERO,
                Duration.ZERO,
                3,
                Duration.ofSeconds(3),
                1,
                Duration.ofMillis(500),
                Duration.ofSeconds(10));
        assertThat(first.plus(second))
                .isEqualTo(new RunFigures(
                        12,
                        2,
                        2,
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        4,
                        Duration.ofMillis(2500),
                        3,
                        Duration.ofMillis(300),
                        Duration.ofSeconds(30)));
    }

    @Test
    void anEmptyRunHasNoRate() {
        assertThat(new RunFigures(0, 0, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO).jobsPerMinute())
                .isZero();
    }
}

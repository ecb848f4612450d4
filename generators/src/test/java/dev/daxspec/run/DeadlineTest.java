package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deadline counts the time a process could run: a sleeping process uses its time up (a
 * guest that hangs idle times out), a starved one does not (a loaded host does not time a
 * guest out). Real processes: a sleeper, and a spinning loop pinned to one CPU beside three
 * others, which gets at most a quarter of that CPU.
 */
class DeadlineTest {

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    private Process start(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.add(p);
        return p;
    }

    private static void assumeSchedstat() {
        assumeTrue(
                Files.exists(Path.of("/proc/self/schedstat")),
                "this kernel has no /proc/PID/schedstat" + " (CONFIG_SCHED_INFO): deadlines are wall time here");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")), "no taskset (util-linux) to pin the loops");
    }

    @Test
    void aSleepingProcessUsesItsTimeUp() throws Exception {
        assumeSchedstat();
        Process sleeper = start("sleep", "30");
        Deadline d = new Deadline(sleeper.pid(), Duration.ofMillis(300));
        assertThat(d.passed()).isFalse();
        Thread.sleep(600);
        assertThat(d.passed()).isTrue();
        assertThat(d.describe()).isEqualTo("0 s");
    }

    @Test
    void aStarvedProcessDoesNotUseItsTimeUp() throws Exception {
        assumeSchedstat();
        for (int i = 0; i < 3; i++) {
            start("taskset", "-c", "0", "sh", "-c", "while :; do :; done");
        }
        Process starved = start("taskset", "-c", "0", "sh", "-c", "while :; do :; done");
        Thread.sleep(200);
        Deadline d = new Deadline(starved.pid(), Duration.ofSeconds(1));
        Thread.sleep(2000);
        // Four loops share CPU 0, so the last one ran at most a quarter of the 2 s (less when
        // the machine is busy): at most 0.5 s of the 1 s it may run, though 2 s of wall time passed.
        assertThat(d.starved()).isGreaterThan(1_000_000_000L);
        assertThat(d.passed()).isFalse();
        assertThat(d.describe()).matches("1 s \\(\\d+ s of wall time, \\d+ s of it waiting for a CPU\\)");
        // Once the process is gone (the harness stops qemu before it reports), the wait seen stays.
        starved.destroyForcibly().waitFor();
        assertThat(d.starved()).isGreaterThan(1_000_000_000L);
        assertThat(d.describe()).contains("of it waiting for a CPU");
    }

    @Test
    void aProcessThatIsGoneHasNoWait() throws Exception {
        Process p = start("true");
        p.waitFor();
        Deadline d = new Deadline(p.pid(), Duration.ofMillis(50));
        Thread.sleep(100);
        assertThat(d.starved()).isZero();
        assertThat(d.passed()).isTrue();
    }
}

package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.run.GuestResult.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A boot that never reaches the guest is reported, not waited on forever. */
@Tag("vm")
class VmBootFailureTest {

    @Test
    void twoBootsThatNeverGetReadyEndTheRun() {
        Vm vm = new Vm(Kernel.newestInstalled(), VmOptions.defaults().withBootTimeout(Duration.ofSeconds(1)));
        List<GuestJob> jobs = List.of(
                new GuestJob("a", List.of("true")),
                new GuestJob("b", List.of("true")),
                new GuestJob("c", List.of("true")));
        long started = System.nanoTime();
        RunResult run = vm.run(jobs);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(run.results()).extracting(GuestResult::outcome)
                .containsExactly(Outcome.VM_FAILED, Outcome.VM_FAILED, Outcome.VM_FAILED);
        assertThat(run.results().get(0).detail())
                .startsWith("boot 1: the guest was not ready within 1 s; console ends:");
        assertThat(run.results().get(1).detail())
                .startsWith("boot 2: the guest was not ready within 1 s; console ends:");
        assertThat(run.results().get(2).detail())
                .isEqualTo("not run: two boots in a row did not reach the guest");
        assertThat(run.figures().boots()).isZero();
    }
}

package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.run.GuestResult.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A boot that never reaches the guest is tried once more, then reported, never waited on forever.
 */
@Tag("vm")
class VmBootFailureTest {

    /** Boot N's reason; on a loaded machine the limit also names the wall time and the wait for a CPU. */
    private static final String NOT_READY =
            "^boot N: the guest was not ready within 1 s( \\(\\d+ s of wall time, \\d+ s of it"
                    + " waiting for a CPU\\))?; console ends:";

    private static final List<GuestJob> JOBS = List.of(
            new GuestJob("a", List.of("echo a")),
            new GuestJob("b", List.of("echo b")),
            new GuestJob("c", List.of("echo c")));

    @Test
    void twoBootsThatNeverGetReadyEndTheRun() {
        Vm vm = new Vm(
                KernelBuild.newestInstalled(),
                VmOptions.defaults().withBootTimeout(Duration.ofSeconds(1)).withGuests(1));
        List<VmEvent> events = new ArrayList<>();
        long started = System.nanoTime();
        RunResult run = vm.run(JOBS, Optional.empty(), events::add);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(events)
                .filteredOn(VmEvent.BootFailed.class::isInstance)
                .singleElement()
                .satisfies(
                        e -> assertThat(((VmEvent.BootFailed) e).why()).containsPattern(NOT_READY.replace("N", "1")));
        assertThat(run.results())
                .extracting(GuestResult::outcome)
                .containsExactly(Outcome.VM_FAILED, Outcome.VM_FAILED, Outcome.VM_FAILED);
        assertThat(run.results().get(0).detail()).containsPattern(NOT_READY.replace("N", "2"));
        assertThat(run.results().get(1).detail()).isEqualTo("not run: two boots in a row did not reach the guest");
        assertThat(run.results().get(2).detail()).isEqualTo("not run: two boots in a row did not reach the guest");
        assertThat(run.figures().boots()).isZero();
    }

    /**
     * The first boot gets a file qemu cannot load as a kernel; once that boot has failed, the real
     * kernel takes its place, and the second boot runs every job.
     */
    @Test
    void aBootThatFailsOnceIsTriedAgainAtTheSamePlace(@TempDir Path dir) throws IOException {
        KernelBuild installed = KernelBuild.newestInstalled();
        Path image = dir.resolve("bzImage");
        Files.writeString(image, "not a kernel\n");
        Vm vm = new Vm(
                new KernelBuild(image, installed.modules()),
                VmOptions.defaults().withGuests(1));
        List<VmEvent> events = new ArrayList<>();
        RunResult run = vm.run(JOBS, Optional.empty(), event -> {
            events.add(event);
            if (event instanceof VmEvent.BootFailed) {
                try {
                    Files.copy(installed.image(), image, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        assertThat(events)
                .filteredOn(VmEvent.BootFailed.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((VmEvent.BootFailed) e).why()).startsWith("boot 1: qemu exited"));
        assertThat(events)
                .filteredOn(VmEvent.Booting.class::isInstance)
                .containsExactly(new VmEvent.Booting(1, 1, "a", 0), new VmEvent.Booting(1, 2, "a", 0));
        assertThat(run.results())
                .extracting(GuestResult::outcome)
                .containsExactly(Outcome.COMPLETED, Outcome.COMPLETED, Outcome.COMPLETED);
        assertThat(run.results()).extracting(r -> r.phases().get(0).output()).containsExactly("a\n", "b\n", "c\n");
        assertThat(run.figures().boots()).isEqualTo(1);
    }
}

package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.run.GuestResult;
import dev.daxspec.run.VmEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootProgressTest {

    @Test
    void tellsLaterBootsAndFailedBootsOnly() {
        StringWriter text = new StringWriter();
        PrintWriter err = new PrintWriter(text);
        BootProgress.tell(err, "run", new VmEvent.Booting(1, 1, "a", 0));
        BootProgress.tell(err, "run", new VmEvent.Booting(2, 1, "c", 0));
        BootProgress.tell(err, "run", new VmEvent.PhaseStarted("a", 0));
        BootProgress.tell(err, "run", new VmEvent.Booting(1, 2, "b", 1));
        BootProgress.tell(
                err,
                "run",
                new VmEvent.BootFailed(
                        2, 3, "boot 3: the guest was not ready within 120 s; console ends:\nline 1\nline 2"));
        BootProgress.tell(
                err,
                "run",
                new VmEvent.JobRetried(new GuestResult(
                        "d", List.of(), GuestResult.Outcome.TIMED_OUT, "phase 0 did not finish within 300 s")));
        assertThat(text.toString()).isEqualTo("""
                run: booting VM 1 again (boot 2) to run b
                run: VM 2: boot 3: the guest was not ready within 120 s; console ends:
                    line 1
                    line 2
                    no job ran in it: booting once more at the same place
                run: d: TIMED_OUT: phase 0 did not finish within 300 s
                    trying once more on a fresh boot
                """);
    }
}

package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.run.VmEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BootProgressTest {

    @Test
    void tellsLaterBootsAndFailedBootsOnly() {
        StringWriter text = new StringWriter();
        PrintWriter err = new PrintWriter(text);
        BootProgress.tell(err, "run", new VmEvent.Booting(1, "a", 0));
        BootProgress.tell(err, "run", new VmEvent.PhaseStarted("a", 0));
        BootProgress.tell(err, "run", new VmEvent.Booting(2, "b", 1));
        BootProgress.tell(err, "run", new VmEvent.BootFailed(3,
                "boot 3: the guest was not ready within 120 s; console ends:\nline 1\nline 2"));
        assertThat(text.toString()).isEqualTo("""
                run: booting again (boot 2) to run b
                run: boot 3: the guest was not ready within 120 s; console ends:
                    line 1
                    line 2
                    no job ran in it: booting once more at the same place
                """);
    }
}

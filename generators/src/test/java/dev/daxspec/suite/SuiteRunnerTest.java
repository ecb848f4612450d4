package dev.daxspec.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.emit.Format;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.Verdict;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.run.GuestPhaseResult;
import dev.daxspec.run.GuestResult;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import dev.daxspec.run.VmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test's verdict is its exit status; the manifest says what to run, and where. */
class SuiteRunnerTest {

    private static final Suite.Test T = new Suite.Test("tests/a@b=c.sh", DeviceKind.BRD, List.of("a@b=c"));

    @TempDir
    Path tmp;

    @Test
    void theGuestRunsTheTestOnItsDevice() {
        assertThat(SuiteRunner.command(T)).isEqualTo("bash '/payload/tests/a@b=c.sh' /dev/ram0 /mnt/scratch\n");
    }

    @Test
    void theExitStatusIsTheVerdict() {
        assertThat(judge(0, "PASS a@b=c\n"))
                .extracting(SuiteRunner.Outcome::verdict, SuiteRunner.Outcome::detail)
                .containsExactly(Verdict.PASS, "");
        assertThat(judge(1, "--- expected\n+++ actual\nFAIL a@b=c\n").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judge(2, "NOTRUN a@b=c: needs a device with DAX (pmem); /dev/ram0 has none\n"))
                .extracting(SuiteRunner.Outcome::verdict, SuiteRunner.Outcome::detail)
                .containsExactly(Verdict.NOTRUN, "needs a device with DAX (pmem); /dev/ram0 has none");
        assertThat(judge(3, "KNOWN-DEVIATION a@b=c: kernel 6.1: why\n").detail())
                .isEqualTo("kernel 6.1: why");
        assertThat(judge(4, "REFUSED a@b=c: /dev/ram0 is mounted\n"))
                .extracting(SuiteRunner.Outcome::verdict, SuiteRunner.Outcome::detail)
                .containsExactly(Verdict.FAIL, "the test refused to run: /dev/ram0 is mounted");
        assertThat(judge(127, "bash: no such file\n").detail()).isEqualTo("the test exited 127");
        SuiteRunner.Outcome oops = SuiteRunner.judge(
                T,
                new GuestResult(
                        "a@b=c", List.of(), GuestResult.Outcome.KERNEL_ERROR, "BUG: unable to handle page fault"),
                1);
        assertThat(oops)
                .extracting(SuiteRunner.Outcome::verdict, SuiteRunner.Outcome::detail)
                .containsExactly(Verdict.FAIL, "KERNEL_ERROR: BUG: unable to handle page fault");
    }

    @Test
    void aFailureEndsWithWhatTheKernelLoggedWhileTheTestRan() {
        String log = "EXT4-fs (pmem0): DAX enabled. Warning: EXPERIMENTAL, use at your own risk\n";
        SuiteRunner.Outcome fail = SuiteRunner.judge(
                T,
                new GuestResult(
                        "a@b=c",
                        List.of(new GuestPhaseResult("--- expected\n+++ actual\nFAIL a@b=c\n", 1, log)),
                        GuestResult.Outcome.COMPLETED,
                        ""),
                1);
        assertThat(fail.detail()).isEqualTo("the output differs\nkernel log while it ran:\n" + log.strip());
        SuiteRunner.Outcome exited = SuiteRunner.judge(
                T,
                new GuestResult(
                        "a@b=c", List.of(new GuestPhaseResult("", 139, log)), GuestResult.Outcome.COMPLETED, ""),
                1);
        assertThat(exited.detail()).isEqualTo("the test exited 139\nkernel log while it ran:\n" + log.strip());
        assertThat(SuiteRunner.judge(
                                T,
                                new GuestResult(
                                        "a@b=c",
                                        List.of(new GuestPhaseResult("PASS a@b=c\n", 0, log)),
                                        GuestResult.Outcome.COMPLETED,
                                        ""),
                                1)
                        .detail())
                .isEmpty();
    }

    @Test
    void theManifestIsReadBackAndItsMistakesNamed() throws IOException {
        Suite s = new Suite(Format.SHELL, List.of(T), List.of(new Suite.LeftOut("x", "a reason")));
        Files.writeString(tmp.resolve(Suite.MANIFEST), s.manifest());
        assertThat(Suite.read(tmp)).isEqualTo(s);
        Files.writeString(tmp.resolve(Suite.MANIFEST), "format\tshell\ntest\ttests/x.sh\tnvme\tx\n");
        assertThatThrownBy(() -> Suite.read(tmp))
                .hasMessage(tmp.resolve(Suite.MANIFEST) + ":2: unknown device 'nvme' (known: pmem, brd)");
        Files.writeString(tmp.resolve(Suite.MANIFEST), "test\ttests/x.sh\tpmem\n");
        assertThatThrownBy(() -> Suite.read(tmp))
                .hasMessage(tmp.resolve(Suite.MANIFEST) + ":1: 'test' takes 3 tab-separated fields, not 2");
        Files.delete(tmp.resolve(Suite.MANIFEST));
        assertThatThrownBy(() -> Suite.read(tmp)).hasMessageContaining("is not a daxspec suite");
    }

    /** Checked before any VM starts: the kernel here is two empty files that never boot. */
    @Test
    void aTestTheManifestListsButTheSuiteLacksIsNamedBeforeAnyVmStarts() throws IOException {
        Path boot = Files.createDirectories(tmp.resolve("boot"));
        KernelBuild kernel = new KernelBuild(Files.createFile(boot.resolve("vmlinuz")), boot);
        Path dir = Files.createDirectories(tmp.resolve("suite"));
        Suite s = new Suite(Format.SHELL, List.of(T), List.of());
        List<VmEvent> events = new ArrayList<>();
        assertThatThrownBy(
                        () -> new SuiteRunner(new Vm(kernel, VmOptions.defaults())).run(dir, s, events::add, o -> {}))
                .hasMessage(dir.resolve(Suite.MANIFEST) + " lists tests/a@b=c.sh, which the suite does not have"
                        + " (removed or renamed since 'daxspec generate' wrote it?); write the suite again,"
                        + " or run the others with --test ID");
        assertThat(events).isEmpty();
    }

    private static SuiteRunner.Outcome judge(int status, String output) {
        return SuiteRunner.judge(
                T,
                new GuestResult(
                        T.ids().get(0),
                        List.of(new GuestPhaseResult(output, status, "")),
                        GuestResult.Outcome.COMPLETED,
                        ""),
                1.5);
    }
}

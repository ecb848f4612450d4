package dev.daxspec.cli;

import dev.daxspec.emit.Suite;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.RunResult;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmException;
import dev.daxspec.run.VmOptions;
import dev.daxspec.suite.SuiteRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A shell suite run on one kernel in the VM, as {@code daxspec run} and {@code daxspec
 * series} do it: a VM failure (no qemu, a kernel that does not boot) is a {@link UserError};
 * a second boot is told on {@code err}.
 */
final class SuiteOnKernel {

    /**
     * What a run gave.
     *
     * @param outcomes one per test that finished, in the order they finished
     * @param result the VM's figures
     */
    record Run(List<SuiteRunner.Outcome> outcomes, RunResult result) {}

    private SuiteOnKernel() {}

    /**
     * Runs {@code suite} (read from {@code dir}) on {@code kernel}, telling {@code each} of
     * every outcome as it comes.
     *
     * @param timeoutSeconds the per-test limit
     * @param label how {@code err} names this run ({@code run}, {@code series: head})
     * @throws UserError when the VM cannot run it, or the suite is not a shell suite or lacks a
     *     file
     */
    static Run run(
            KernelBuild kernel,
            int timeoutSeconds,
            Path dir,
            Suite suite,
            PrintWriter err,
            String label,
            Consumer<SuiteRunner.Outcome> each) {
        List<SuiteRunner.Outcome> outcomes = new ArrayList<>();
        try {
            Vm vm = new Vm(
                    kernel,
                    VmOptions.defaults()
                            .withJobTimeout(Duration.ofSeconds(timeoutSeconds))
                            .withSnapshotCache(VmOptions.userSnapshotCache()));
            RunResult r = new SuiteRunner(vm).run(dir, suite, event -> BootProgress.tell(err, label, event), o -> {
                outcomes.add(o);
                each.accept(o);
            });
            return new Run(List.copyOf(outcomes), r);
        } catch (VmException | IOException e) {
            throw new UserError(e.getMessage());
        }
    }
}

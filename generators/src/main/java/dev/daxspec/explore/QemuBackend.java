package dev.daxspec.explore;

import dev.daxspec.conform.Conformance;
import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.xfsio.TranscriptFilter;
import dev.daxspec.run.GuestJob;
import dev.daxspec.run.GuestPhaseResult;
import dev.daxspec.run.GuestResult;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import dev.daxspec.run.VmPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real kernel in the harness's VMs, with pmem (DAX), brd and crashes. One {@link VmPool} stays
 * open for the whole exploration, so its VMs boot once and then take program after program:
 * batches, confirmations and every shrinking step alike; only a crash, a kernel error or a lost
 * VM costs a boot. A program that times out or loses its VM twice is trouble, not a verdict.
 */
final class QemuBackend implements Backend {

    /** Programs per call: enough to keep every VM of the pool busy between two reports. */
    private static final int BATCH = 40;

    private final KernelBuild kernel;
    private final Vm vm;
    private final Consumer<VmEvent> progress;
    private final Kernel reference;
    private VmPool pool;

    QemuBackend(KernelBuild kernel, Vm vm, Consumer<VmEvent> progress, KernelProfile profile) {
        this.kernel = kernel;
        this.reference = Kernel.CORRECT.withProfile(profile);
        this.vm = vm;
        this.progress = progress;
    }

    @Override
    public String describe() {
        return "qemu: Linux " + release() + " (" + kernel.image() + ") with pmem and brd";
    }

    @Override
    public String release() {
        return kernel.release();
    }

    @Override
    public Kernel reference() {
        return reference;
    }

    @Override
    public Vocabulary vocabulary() {
        return Vocabulary.ALL;
    }

    @Override
    public int batchSize() {
        return BATCH;
    }

    @Override
    public List<KernelRun> run(List<Program> programs) {
        List<GuestJob> jobs = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            jobs.add(new GuestJob("program-" + i, Conformance.scripts(programs.get(i))));
        }
        if (pool == null) {
            pool = vm.open(Optional.empty());
        }
        List<GuestResult> results = pool.run(jobs, progress::accept).results();
        List<KernelRun> out = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            GuestResult r = results.get(i);
            StringBuilder raw = new StringBuilder();
            for (GuestPhaseResult p : r.phases()) {
                raw.append(p.output());
            }
            String text = new TranscriptFilter(
                            Conformance.SCRATCH_MNT,
                            ScratchCommands.device(programs.get(i).target()))
                    .apply(raw.toString());
            out.add(
                    r.outcome() == GuestResult.Outcome.COMPLETED && !r.phases().isEmpty()
                            ? KernelRun.of(text)
                            : new KernelRun(text, r.outcome() + (r.detail().isEmpty() ? "" : ": " + r.detail())));
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}

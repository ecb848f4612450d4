package dev.daxspec.explore;

import dev.daxspec.conform.Conformance;
import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.xfsio.TranscriptFilter;
import dev.daxspec.run.GuestJob;
import dev.daxspec.run.GuestPhaseResult;
import dev.daxspec.run.GuestResult;
import dev.daxspec.run.Kernel;
import dev.daxspec.run.Vm;
import dev.daxspec.run.VmEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real kernel in the harness's VM, with pmem (DAX), brd and crashes: each call to
 * {@link #run} is one VM run of many programs, as {@code daxspec conform} runs cases, so a
 * boot is shared by a batch. A job that times out or loses its VM is trouble, not a verdict.
 */
final class QemuBackend implements Backend {

    /** Programs per VM run: a boot costs about as much as forty small programs under TCG. */
    private static final int BATCH = 40;

    private final Kernel kernel;
    private final Vm vm;
    private final Consumer<VmEvent> progress;
    private final dev.daxspec.oracle.kernel.Kernel reference;

    QemuBackend(Kernel kernel, Vm vm, Consumer<VmEvent> progress, KernelProfile profile) {
        this.kernel = kernel;
        this.reference = dev.daxspec.oracle.kernel.Kernel.CORRECT.withProfile(profile);
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
    public dev.daxspec.oracle.kernel.Kernel reference() {
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
        List<GuestResult> results = vm.run(jobs, Optional.empty(), progress::accept).results();
        List<KernelRun> out = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            GuestResult r = results.get(i);
            StringBuilder raw = new StringBuilder();
            for (GuestPhaseResult p : r.phases()) {
                raw.append(p.output());
            }
            String text = new TranscriptFilter(Conformance.SCRATCH_MNT,
                    ScratchCommands.device(programs.get(i).target())).apply(raw.toString());
            out.add(r.outcome() == GuestResult.Outcome.COMPLETED && !r.phases().isEmpty() ? KernelRun.of(text)
                    : new KernelRun(text, r.outcome() + (r.detail().isEmpty() ? "" : ": " + r.detail())));
        }
        return out;
    }

    @Override
    public void close() {
    }
}

package dev.daxspec.explore;

import dev.daxspec.conform.Conformance;
import dev.daxspec.emit.SharedFilesystem;
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
 * VM costs a boot (a restore of the VM's snapshot, mostly). A program that times out or loses
 * its VM twice is trouble, not a verdict. A {@link #screen} runs a dozen programs of a target on
 * one filesystem, one job, so that a mkfs, a mount and the job's own cost are paid once.
 */
final class QemuBackend implements Backend {

    /**
     * Programs per call: enough to keep every VM of the pool busy between two reports, and,
     * spread over a dozen targets, to give each target's shared filesystem a few programs.
     */
    private static final int BATCH = 240;

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
            jobs.add(job(programs.get(i), "program-" + i));
        }
        List<GuestResult> results =
                jobs.isEmpty() ? List.of() : pool().run(jobs, progress::accept).results();
        List<KernelRun> out = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            out.add(kernelRun(programs.get(i), results.get(i)));
        }
        return out;
    }

    private static GuestJob job(Program p, String id) {
        return new GuestJob(id, Conformance.scripts(p));
    }

    /** What a program's own job printed, or the trouble that ended it. */
    private static KernelRun kernelRun(Program p, GuestResult r) {
        String text = filter(p, output(r));
        return completed(r)
                ? KernelRun.of(text)
                : new KernelRun(text, r.outcome() + (r.detail().isEmpty() ? "" : ": " + r.detail()));
    }

    /**
     * The programs that may share a filesystem ({@link SharedFilesystem#shareable}) run in
     * jobs of up to {@link SharedFilesystem#MOST} of one target, one mkfs each, the others alone, all
     * from one queue (the programs alone first: a crash among them costs a restore, and the
     * short shared jobs then even out the VMs' ends). A shared job that does not complete (a
     * timeout, a kernel error, a lost VM) tells nothing about which of its programs caused it:
     * they run again alone.
     */
    @Override
    public List<KernelRun> screen(List<Program> programs) {
        List<List<Integer>> shared = SharedFilesystem.groups(programs, SharedFilesystem::shareable);
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            if (!SharedFilesystem.shareable(programs.get(i))) {
                groups.add(List.of(i));
            }
        }
        int alone = groups.size();
        groups.addAll(shared);
        List<GuestJob> jobs = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Program> members = groups.get(g).stream().map(programs::get).toList();
            jobs.add(
                    g < alone
                            ? job(members.get(0), "program-" + groups.get(g).get(0))
                            : new GuestJob(
                                    "shared-" + groups.get(g).get(0),
                                    List.of(Conformance.variables(members.get(0)) + SharedFilesystem.script(members))));
        }
        KernelRun[] out = new KernelRun[programs.size()];
        List<GuestResult> results =
                jobs.isEmpty() ? List.of() : pool().run(jobs, progress::accept).results();
        List<Integer> again = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> group = groups.get(g);
            GuestResult r = results.get(g);
            if (g < alone) {
                out[group.get(0)] = kernelRun(programs.get(group.get(0)), r);
                continue;
            }
            Optional<List<String>> each = completed(r)
                    ? SharedFilesystem.split(output(r), group.size(), Conformance.SCRATCH_MNT)
                    : Optional.empty();
            if (each.isEmpty()) {
                again.addAll(group);
                continue;
            }
            for (int k = 0; k < group.size(); k++) {
                int i = group.get(k);
                out[i] = KernelRun.shared(filter(programs.get(i), each.get().get(k)));
            }
        }
        List<KernelRun> aloneRuns = run(again.stream().map(programs::get).toList());
        for (int k = 0; k < again.size(); k++) {
            out[again.get(k)] = aloneRuns.get(k);
        }
        return List.of(out);
    }

    private VmPool pool() {
        if (pool == null) {
            pool = vm.open(Optional.empty());
        }
        return pool;
    }

    private static boolean completed(GuestResult r) {
        return r.outcome() == GuestResult.Outcome.COMPLETED && !r.phases().isEmpty();
    }

    private static String output(GuestResult r) {
        StringBuilder raw = new StringBuilder();
        for (GuestPhaseResult p : r.phases()) {
            raw.append(p.output());
        }
        return raw.toString();
    }

    private static String filter(Program p, String raw) {
        return new TranscriptFilter(Conformance.SCRATCH_MNT, ScratchCommands.device(p.target())).apply(raw);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}

package dev.daxspec.explore;

import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle with one historical bug plays the kernel: how the explorer's power is
 * measured without a VM. Where a crash leaves several outcomes, the variant prints the first
 * one a correct kernel could not have printed (a real kernel with the bug may print it), or
 * else the first.
 */
final class VariantBackend implements Backend {

    private final String name;
    private final String summary;
    private final Kernel kernel;

    VariantBackend(Bug bug) {
        this("variant:" + bug.id(), "the oracle with " + bug.summary(), Kernel.with(bug));
    }

    private VariantBackend(String name, String summary, Kernel kernel) {
        this.name = name;
        this.summary = summary;
        this.kernel = kernel;
    }

    /** The correct oracle playing a kernel: the base of a comparison with a variant. */
    static VariantBackend correct() {
        return new VariantBackend("oracle", "the correct oracle", Kernel.CORRECT);
    }

    @Override
    public String describe() {
        return name + " (" + summary + ")";
    }

    @Override
    public String release() {
        return name;
    }

    @Override
    public Vocabulary vocabulary() {
        return Vocabulary.ALL;
    }

    @Override
    public int batchSize() {
        return 1;
    }

    @Override
    public List<KernelRun> run(List<Program> programs) {
        List<KernelRun> out = new ArrayList<>();
        for (Program p : programs) {
            List<String> correct = texts(ProgramRunner.outcomes(p, Kernel.CORRECT));
            List<String> buggy;
            try {
                buggy = texts(ProgramRunner.outcomes(p, kernel));
            } catch (RuntimeException e) {
                // The oracle predicts the program on a correct kernel but not with this bug.
                out.add(new KernelRun("", "the variant cannot predict it: " + e.getMessage()));
                continue;
            }
            out.add(KernelRun.of(
                    buggy.stream().filter(t -> !correct.contains(t)).findFirst().orElse(buggy.get(0))));
        }
        return out;
    }

    private static List<String> texts(List<Transcript> ts) {
        return ts.stream().map(Transcript::text).toList();
    }

    @Override
    public void close() {}
}

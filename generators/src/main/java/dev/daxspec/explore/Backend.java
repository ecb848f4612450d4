package dev.daxspec.explore;

import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.program.Program;
import java.util.List;

/**
 * What explored programs run on: a kernel variant of the oracle, this machine's kernel, or a
 * kernel in the harness's VM. Each run makes the program's filesystem afresh, so runs do not
 * depend on one another. Not thread-safe; one exploration at a time.
 */
public interface Backend extends AutoCloseable {

    /** One line for reports: {@code host: Linux 6.18.44 on loop devices}. */
    String describe();

    /** The kernel release the transcripts come from ({@code uname -r}), or the variant's name. */
    String release();

    /**
     * The correct kernel the oracle plays for this backend: its
     * {@link dev.daxspec.oracle.kernel.KernelProfile} says where correct kernels of its
     * release and configuration differ.
     */
    default Kernel reference() {
        return Kernel.CORRECT;
    }

    /** What the programs may use here. */
    Vocabulary vocabulary();

    /**
     * How many programs a call to {@link #run} should carry: one where each run costs the
     * same alone, many where a batch shares a cost (a VM boot).
     */
    int batchSize();

    /**
     * Runs {@code programs} and returns, in the same order, what each printed after the shared
     * {@link dev.daxspec.oracle.xfsio.TranscriptFilter}, or the infrastructure trouble that kept it
     * from running to its end.
     */
    List<KernelRun> run(List<Program> programs);

    /**
     * Runs {@code programs} as {@link #run} does, or faster with several on one filesystem
     * where that cannot change what they print but inode numbers ({@link KernelRun#shared}).
     * For a first look at many programs: a difference seen here is run again with {@link #run}.
     */
    default List<KernelRun> screen(List<Program> programs) {
        return run(programs);
    }

    /** Removes whatever the backend made: devices, mounts, images. Idempotent. */
    @Override
    void close();
}

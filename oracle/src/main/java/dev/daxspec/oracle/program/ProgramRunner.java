package dev.daxspec.oracle.program;

import dev.daxspec.oracle.Scratch;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.target.MountResult;
import dev.daxspec.oracle.xfsio.XfsIo;
import dev.daxspec.oracle.xfsio.XfsIoResult;

/**
 * Runs a {@link Program} on the model and returns its {@link Transcript}: what a correct
 * kernel (or one with the given bugs) makes the program print.
 *
 * <p>Stateless and thread-safe; each run gets a fresh scratch filesystem.
 */
public final class ProgramRunner {

    private ProgramRunner() {
    }

    public static Transcript run(Program program, Kernel kernel) {
        Transcript t = new Transcript();
        t.command(ScratchCommands.mkfs(program.target()));
        t.command(ScratchCommands.mount(program.target()));
        Scratch scratch = Scratch.make(program.target(), kernel);
        MountResult mount = scratch.mount();
        mount.kernelLog().forEach(t::kernel);
        if (!mount.mounted()) {
            t.exit(mount.mountExitStatus());
            return t;
        }
        FileSystem fs = scratch.fs().orElseThrow();
        for (Step step : program.steps()) {
            t.command(step.toString());
            if (step instanceof XfsIoStep x) {
                XfsIoResult r = XfsIo.run(fs, x.invocation());
                t.output(r.output());
                if (x.traced()) {
                    t.output(r.trace().render());
                }
                t.exit(r.exitStatus());
            } else if (step instanceof FillStep f) {
                fs.fillTo(f.freeBlocks());
            }
        }
        t.command(ScratchCommands.umount());
        return t;
    }
}

package dev.daxspec.oracle.program;

import dev.daxspec.oracle.Scratch;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.fs.MountResult;
import dev.daxspec.oracle.fs.MountRules;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.xfsio.XfsIo;
import dev.daxspec.oracle.xfsio.XfsIoResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a {@link Program} on the model and returns what it prints: one {@link Transcript},
 * or after a crash every transcript a correct kernel (or one with the given bugs) may
 * produce, since a crash may find the journal committed at any point since the last
 * forced commit.
 *
 * <p>Stateless and thread-safe; each run gets a fresh scratch filesystem.
 */
public final class ProgramRunner {

    private ProgramRunner() {}

    /** The program's one transcript; for programs whose outcome a crash makes uncertain use {@link #outcomes}. */
    public static Transcript run(Program program, Kernel kernel) {
        List<Transcript> all = outcomes(program, kernel);
        if (all.size() != 1) {
            throw new IllegalStateException("the program has " + all.size() + " possible outcomes; use outcomes()");
        }
        return all.get(0);
    }

    /** Every transcript the program may print, distinct, the one with no commit since the last forced one first. */
    public static List<Transcript> outcomes(Program program, Kernel kernel) {
        boolean crashes = program.steps().stream().anyMatch(CrashStep.class::isInstance);
        if (crashes && program.target().device().kind() != DeviceKind.PMEM) {
            throw new IllegalArgumentException("a crash needs a pmem target: brd loses its contents on reboot");
        }
        Transcript t = new Transcript();
        t.command(ScratchCommands.mkfs(program.target()));
        Scratch scratch = Scratch.make(program.target(), kernel);
        if (!mount(t, program, scratch.mount())) {
            return List.of(t);
        }
        FileSystem fs = scratch.fs().orElseThrow();
        if (crashes) {
            fs.recordCrashStates();
        }
        List<World> worlds = List.of(new World(fs, t, false));
        for (Step step : program.steps()) {
            List<World> next = new ArrayList<>();
            for (World w : worlds) {
                next.addAll(w.run(step, program, kernel));
            }
            worlds = next;
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Transcript> out = new ArrayList<>();
        for (World w : worlds) {
            w.transcript.command(ScratchCommands.umount());
            if (seen.add(w.transcript.text())) {
                out.add(w.transcript);
            }
        }
        return out;
    }

    /** Prints the mount and its kernel log; false when the mount was refused. */
    private static boolean mount(Transcript t, Program program, MountResult mount) {
        t.command(ScratchCommands.mount(program.target()));
        mount.kernelLog().forEach(t::kernel);
        if (!mount.mounted()) {
            t.exit(mount.mountExitStatus());
            return false;
        }
        return true;
    }

    /**
     * One possible history: a filesystem state, what has been printed so far, and whether a
     * crash has left the filesystem unchecked (each later mount is then one after a crash,
     * {@link MountRules#mountAfterCrash}).
     */
    private record World(FileSystem fs, Transcript transcript, boolean crashed) {

        List<World> run(Step step, Program program, Kernel kernel) {
            transcript.command(step.toString());
            if (step instanceof XfsIoStep x) {
                XfsIoResult r = XfsIo.run(fs, x.invocation());
                transcript.output(r.output());
                if (x.traced()) {
                    transcript.output(r.trace().render());
                }
                transcript.exit(r.exitStatus());
                return List.of(this);
            }
            if (step instanceof FillStep f) {
                fs.fillTo(f.freeBlocks());
                return List.of(this);
            }
            if (step instanceof RemountStep) {
                FileSystem after = fs.remount();
                mount(
                        transcript,
                        program,
                        crashed
                                ? MountRules.mountAfterCrash(program.target(), kernel)
                                : MountRules.mount(program.target(), kernel));
                return List.of(new World(after, transcript, crashed));
            }
            MountResult afterCrash = MountRules.mountAfterCrash(program.target(), kernel);
            List<World> out = new ArrayList<>();
            for (FileSystem after : fs.crash()) {
                Transcript copy = transcript.copy();
                mount(copy, program, afterCrash);
                after.recordCrashStates();
                out.add(new World(after, copy, true));
            }
            return out;
        }
    }
}

package dev.daxspec.cli;

import dev.daxspec.emit.ShellQuote;
import dev.daxspec.host.HostScratch;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.program.ScratchCommands;
import dev.daxspec.oracle.target.DaxOption;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.Invocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bench's workload on this machine's kernel: the same xfs_io runs the oracle replays,
 * as real xfs_io processes, one per run with its {@code -c} commands, on a filesystem made
 * fresh for each replay on a loop device over an image in a {@link HostScratch}. A replay's
 * time runs from the first xfs_io's start to the last one's exit, taken by the bash that
 * runs them ({@code $EPOCHREALTIME}), so it holds the processes' start and exit and the
 * kernel's work for their commands, and neither the JVM's process start nor mkfs, mount
 * and unmount. Writeback after the last exit is not counted, as the oracle writes nothing
 * back either; fsync and fdatasync in the workload are.
 *
 * <p>A loop device is a page-cache device: the kernel side mounts without DAX what the
 * oracle may model on pmem with DAX ({@link #kernelTarget}). Not thread-safe.
 */
final class KernelReplay implements AutoCloseable {

    private final HostScratch scratch;
    private final Target target;

    private KernelReplay(HostScratch scratch, Target target) {
        this.scratch = scratch;
        this.target = target;
    }

    /**
     * The kernel side for {@code oracleTarget}, or why this machine cannot run it: one line.
     *
     * @param imageDir where the scratch directory with the image goes
     */
    static Result open(Path imageDir, Target oracleTarget) {
        if (!HostScratch.isRoot()) {
            return new Result(null, "not root (it makes a loop device and mounts it)");
        }
        Target t = kernelTarget(oracleTarget);
        for (String tool : List.of(
                "bash",
                "losetup",
                "mount",
                "umount",
                "mountpoint",
                "xfs_io",
                ScratchCommands.mkfs(t).split(" ")[0])) {
            if (!HostScratch.onPath(tool)) {
                return new Result(null, "no " + tool + " on PATH (xfsprogs, e2fsprogs and util-linux have them)");
            }
        }
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            return new Result(null, "no loop devices (/dev/loop-control is missing: modprobe loop)");
        }
        HostScratch.Cmd page = HostScratch.Cmd.run(List.of("getconf", "PAGESIZE"), Path.of("/"));
        if (page.status() == 0 && !page.output().strip().equals(Integer.toString(t.pageSize()))) {
            return new Result(
                    null, "this machine's pages are " + page.output().strip() + " bytes, the target's " + t.pageSize());
        }
        try {
            return new Result(
                    new KernelReplay(
                            HostScratch.open(imageDir, "bench", t.device().size()), t),
                    null);
        } catch (HostScratch.Unavailable e) {
            return new Result(null, e.getMessage());
        }
    }

    /** The kernel side, or the reason it is skipped. */
    record Result(KernelReplay replay, String skipped) {}

    /**
     * The oracle's target as a loop device gives it: a page-cache (brd) target, mounted
     * without {@code dax} and {@code dax=always}, which ask for DAX a loop device does not
     * have (ext4 refuses the mount, xfs turns DAX off); the other options stay.
     */
    static Target kernelTarget(Target oracle) {
        DaxOption dax = oracle.mount().dax();
        boolean asksForDax = dax == DaxOption.ALWAYS || dax == DaxOption.LEGACY;
        return oracle.toBuilder()
                .device(DeviceKind.BRD)
                .mount(asksForDax ? MountOptions.NONE : oracle.mount())
                .build();
    }

    /** The target the kernel side runs, for the output. */
    Target target() {
        return target;
    }

    /** e.g. {@code ext4 on /dev/loop3 over an image in /dev/shm, mounted defaults}. */
    String describe() {
        return target.fs() + " on " + scratch.loop() + " over an image in "
                + scratch.dir().getParent() + ", mounted " + target.mount().forMount() + " (a loop device has no DAX)";
    }

    /**
     * One replay's figures.
     *
     * @param seconds from the first xfs_io's start to the last one's exit
     * @param cpu the xfs_io processes' user and system time (bash's {@code times}): not the
     *     kernel threads that work for them (jbd2 or the xfs log, the loop worker, writeback)
     */
    record Times(double seconds, double cpu) {}

    /**
     * Makes the filesystem, mounts it, runs {@code runs} and unmounts.
     *
     * @throws Failed when mkfs, mount or the script fails: one line
     */
    Times replay(List<Invocation> runs) {
        String dev = scratch.loop();
        String mnt = scratch.mnt().toString();
        check(ScratchCommands.mkfs(target).replace("SCRATCH_DEV", dev));
        check(ScratchCommands.mount(target).replace("SCRATCH_DEV", dev).replace("SCRATCH_MNT", mnt));
        try {
            Path script = scratch.dir().resolve("replay.sh");
            Path times = scratch.dir().resolve("replay.times");
            Files.deleteIfExists(times);
            Files.writeString(script, script(runs, scratch.dir().resolve("replay.out"), times));
            Process p = scratch.start(new ProcessBuilder("bash", script.toString())
                    .directory(scratch.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(scratch.dir().resolve("replay.log").toFile()));
            p.getOutputStream().close();
            int status = p.waitFor();
            if (status != 0 || !Files.exists(times)) {
                throw new Failed("the xfs_io script exited " + status + ": "
                        + Files.readString(scratch.dir().resolve("replay.log")).strip());
            }
            // "T0 T1", then times' two lines: the shell's user and system time, its children's.
            String[] t = Files.readString(times).strip().split("\\s+");
            return new Times(
                    new BigDecimal(t[1]).subtract(new BigDecimal(t[0])).doubleValue(), seconds(t[4]) + seconds(t[5]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        } finally {
            scratch.run(List.of("umount", mnt));
        }
    }

    /**
     * One xfs_io per run, in the mount, output to a file outside it; the times are bash's
     * {@code $EPOCHREALTIME} (microseconds, with a '.' in the C locale) before the first
     * and after the last.
     */
    static String script(List<Invocation> runs, Path out, Path times) {
        StringBuilder sb = new StringBuilder("export LC_ALL=C\ncd ")
                .append(ShellQuote.single("mnt"))
                .append(" || exit 1\n");
        sb.append("exec >").append(ShellQuote.single(out.toString())).append(" 2>&1\n");
        sb.append("t0=$EPOCHREALTIME\n");
        for (Invocation inv : runs) {
            sb.append("xfs_io");
            if (inv.create()) {
                sb.append(" -f");
            }
            if (inv.readOnly()) {
                sb.append(" -r");
            }
            for (Op op : inv.ops()) {
                sb.append(" -c ").append(ShellQuote.single(op.toString()));
            }
            sb.append(' ').append(ShellQuote.single(inv.file())).append('\n');
        }
        sb.append("t1=$EPOCHREALTIME\n");
        sb.append("{ echo \"$t0 $t1\"; times; } >")
                .append(ShellQuote.single(times.toString()))
                .append('\n');
        return sb.toString();
    }

    /** bash's {@code times} format, {@code 1m2.345s}, in seconds. */
    static double seconds(String minutesSeconds) {
        int m = minutesSeconds.indexOf('m');
        return Integer.parseInt(minutesSeconds.substring(0, m)) * 60
                + Double.parseDouble(minutesSeconds.substring(m + 1, minutesSeconds.length() - 1));
    }

    private void check(String command) {
        HostScratch.Cmd c = scratch.run(List.of("bash", "-c", command));
        if (c.status() != 0) {
            throw new Failed(command + " failed: "
                    + c.output().strip().lines().findFirst().orElse("exit " + c.status()));
        }
    }

    @Override
    public void close() {
        scratch.close();
    }

    /** The kernel side could not replay: one line. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }
}

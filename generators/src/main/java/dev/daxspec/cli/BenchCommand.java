package dev.daxspec.cli;

import dev.daxspec.oracle.Scratch;
import dev.daxspec.oracle.explore.RandomOps;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.Invocation;
import dev.daxspec.oracle.xfsio.XfsIo;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code daxspec bench}: how fast the oracle replays xfs_io commands, side by side with this
 * machine's kernel running the same commands through xfs_io when it can, and what a sparse
 * file costs the oracle.
 */
@Command(
        name = "bench",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Measure the oracle against this machine's kernel, and what a sparse file costs it.",
            "",
            "Replays a seeded random workload of xfs_io commands (runs of --per-run commands,"
                    + " each run one xfs_io -f on one of 64 files) on the oracle and, as root with loop"
                    + " devices, through the real xfs_io on this machine's kernel, on a loop device over an"
                    + " image bench makes in its own directory under --image-dir and removes on every way"
                    + " out (SIGINT and SIGTERM included). --pairs alternating pairs; prints each pair, the"
                    + " medians and the ratio. Where the kernel side cannot run, one line says why.",
            "",
            "What each time holds:",
            "  oracle  the in-process replay in this JVM after JIT warm-up (200,000",
            "          commands of another seed), as an exploration pays it per program;",
            "          not the JVM's start, not drawing the workload.",
            "  kernel  one xfs_io process per run with its -c commands, from the first",
            "          one's start to the last one's exit, timed by the bash that runs",
            "          them; not mkfs, mount, unmount or writeback after the last exit",
            "          (the workload's fsyncs are in).",
            "A loop device has no DAX: the kernel mounts without dax and dax=always what the"
                    + " oracle models on pmem. Then writes 4 KiB at random offsets of a 16 TiB sparse file"
                    + " on the oracle and prints the heap it costs. Figures, not a pass/fail test.",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec bench --fs xfs                                  # as root: both sides",
            "  daxspec bench --oracle-only --commands 100000 --fs xfs",
        })
final class BenchCommand implements Callable<Integer> {

    /** Commands the oracle replays before it is timed, so that the JIT has compiled the replay. */
    static final int WARM_UP = 200_000;

    /** The workload's files: runs go to f0..f63 in turn, so files are reused and grow. */
    private static final int FILES = 64;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions targetOptions;

    @Option(
            names = "--commands",
            paramLabel = "N",
            defaultValue = "20000",
            description = "Commands to replay. Default: ${DEFAULT-VALUE}.")
    int commands;

    @Option(
            names = "--per-run",
            paramLabel = "N",
            defaultValue = "50",
            description = "Commands per xfs_io run. Default: ${DEFAULT-VALUE}.")
    int perRun;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Workload seed. Default: 1.")
    long seed;

    @Option(
            names = "--pairs",
            paramLabel = "N",
            defaultValue = "5",
            description = "Replays on each side, alternating oracle and kernel; the medians are"
                    + " compared. Default: ${DEFAULT-VALUE}.")
    int pairs;

    @Option(names = "--oracle-only", description = "Do not run the kernel side.")
    boolean oracleOnly;

    @Option(
            names = "--image-dir",
            paramLabel = "DIR",
            description = "Where the kernel side's scratch directory and image go. Default: /dev/shm"
                    + " (memory, as brd and pmem are) when it is a directory, else the system's temporary"
                    + " directory.")
    Path imageDir;

    @Override
    public Integer call() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getUptime();
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        Target target = UserError.parsing(targetOptions::target);
        if (Scratch.make(target, Kernel.CORRECT).fs().isEmpty()) {
            throw new UserError(target + " does not mount");
        }
        List<Invocation> workload = workload(target, seed, commands, perRun);
        out.printf(
                Locale.ROOT,
                "workload: %d xfs_io commands (seed %d), %d runs of up to %d, each run one"
                        + " xfs_io -f on one of %d files%n",
                commands,
                seed,
                workload.size(),
                perRun,
                FILES);
        out.flush();
        List<Invocation> warmUp = workload(target, seed + 1, WARM_UP, perRun);
        replay(target, warmUp);

        KernelReplay.Result kernel =
                oracleOnly ? new KernelReplay.Result(null, "--oracle-only") : KernelReplay.open(imageDir(), target);
        out.printf(
                Locale.ROOT,
                "oracle: %s; in this JVM after JIT warm-up (%d commands of seed %d), as an"
                        + " exploration pays it; not counted: the JVM's start (%.2f s to reach bench here)%n",
                target,
                WARM_UP,
                seed + 1,
                jvmStart / 1e3);
        String load0 = loadAverage();
        KernelReplay host = kernel.replay();
        try {
            if (host == null) {
                out.println("kernel: skipped: " + kernel.skipped());
            } else {
                out.println("kernel: Linux " + System.getProperty("os.version") + ", " + host.describe()
                        + "; xfs_io processes from the first one's start to the last one's exit, timed by bash;"
                        + " not counted: mkfs, mount, unmount, writeback after the last exit");
            }
            out.flush();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double[] oracle = new double[pairs];
            double[] oracleCpu = new double[pairs];
            double[] kernelTimes = new double[pairs];
            double[] kernelCpu = new double[pairs];
            long printed = 0;
            for (int i = 0; i < pairs; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                printed = replay(target, workload);
                oracle[i] = (System.nanoTime() - t0) / 1e9;
                oracleCpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
                if (host != null) {
                    try {
                        KernelReplay.Times k = host.replay(workload);
                        kernelTimes[i] = k.seconds();
                        kernelCpu[i] = k.cpu();
                    } catch (KernelReplay.Failed e) {
                        out.println("kernel: skipped: " + e.getMessage());
                        host.close();
                        host = null;
                    }
                }
                if (host != null) {
                    out.printf(
                            Locale.ROOT,
                            "pair %d: oracle %.4f s (CPU %.4f s), kernel+xfs_io %.4f s (CPU of the"
                                    + " xfs_io processes %.4f s)%n",
                            i + 1,
                            oracle[i],
                            oracleCpu[i],
                            kernelTimes[i],
                            kernelCpu[i]);
                } else {
                    out.printf(Locale.ROOT, "replay %d: oracle %.4f s (CPU %.4f s)%n", i + 1, oracle[i], oracleCpu[i]);
                }
                out.flush();
            }
            double o = median(oracle);
            if (host == null) {
                out.printf(
                        Locale.ROOT,
                        "median of %d: oracle %.4f s (%.0f commands/s, %d bytes printed)%n",
                        pairs,
                        o,
                        commands / o,
                        printed);
            } else {
                double k = median(kernelTimes);
                out.printf(
                        Locale.ROOT,
                        "median of %d pairs: oracle %.4f s (%.0f commands/s), kernel+xfs_io %.4f s"
                                + " (%.0f commands/s): the oracle is %s%n",
                        pairs,
                        o,
                        commands / o,
                        k,
                        commands / k,
                        ratio(o, k));
                // CPU time leaves out waiting for other processes on a busy machine; the kernel
                // side's leaves out its kernel threads too, so it flatters the kernel.
                out.printf(
                        Locale.ROOT,
                        "CPU, median: oracle %.4f s, xfs_io processes %.4f s (user+sys, not the"
                                + " kernel threads: journal, loop worker, writeback): the oracle is %s%n",
                        median(oracleCpu),
                        median(kernelCpu),
                        ratio(median(oracleCpu), median(kernelCpu)));
            }
        } finally {
            if (host != null) {
                host.close();
            }
        }
        out.printf(
                Locale.ROOT,
                "load average %s before, %s after, %d CPUs: a busy machine makes both figures" + " noisy%n",
                load0,
                loadAverage(),
                Runtime.getRuntime().availableProcessors());
        sparse(target, out);
        out.flush();
        return 0;
    }

    private void checkOptions() {
        if (commands < 1) {
            throw new UserError("--commands " + commands + ": give at least 1");
        }
        if (perRun < 1) {
            throw new UserError("--per-run " + perRun + ": give at least 1");
        }
        if (pairs < 1) {
            throw new UserError("--pairs " + pairs + ": give at least 1");
        }
        if (oracleOnly && imageDir != null) {
            throw new UserError("--image-dir is for the kernel side, which --oracle-only leaves out");
        }
    }

    private Path imageDir() {
        if (imageDir != null) {
            return imageDir;
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * The workload: {@code count} commands of {@link RandomOps} in runs of {@code perRun},
     * run {@code i} an {@code xfs_io -f} on file {@code f(i % 64)}. Drawn before anything
     * is timed.
     */
    static List<Invocation> workload(Target target, long seed, int count, int perRun) {
        RandomOps gen = new RandomOps(target.geometry(), 64L << 20);
        List<Invocation> runs = new ArrayList<>();
        for (int done = 0, run = 0; done < count; done += perRun, run++) {
            List<Op> ops = gen.sequence(seed * 1_000_003L + run, Math.min(perRun, count - done));
            runs.add(new Invocation(true, false, "f" + (run % FILES), ops));
        }
        return runs;
    }

    /** Replays {@code runs} on a fresh filesystem; returns the bytes printed. */
    private static long replay(Target target, List<Invocation> runs) {
        FileSystem fs = Scratch.make(target, Kernel.CORRECT).fs().orElseThrow();
        long printed = 0;
        for (Invocation inv : runs) {
            printed += XfsIo.run(fs, inv).output().length();
        }
        return printed;
    }

    /** {@code 3.9x slower}, {@code 12.0x faster}: the oracle's time {@code o} against the kernel's {@code k}. */
    static String ratio(double o, double k) {
        return String.format(Locale.ROOT, "%.1fx %s", o <= k ? k / o : o / k, o <= k ? "faster" : "slower");
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The 1-minute load average from /proc/loadavg, or "unknown". */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** 100,000 4 KiB writes at random offsets of a 16 TiB file: time, and the heap they cost. */
    private void sparse(Target target, PrintWriter out) {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        FileSystem sparse = Scratch.make(target, Kernel.CORRECT).fs().orElseThrow();
        SplittableRandom r = new SplittableRandom(seed);
        List<Op> writes = new ArrayList<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            writes.add(new Pwrite(r.nextLong(1L << 44) & -4096L, 4096, 0x41 + r.nextInt(26), OptionalLong.empty()));
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i += 1000) {
            XfsIo.run(sparse, new Invocation(true, false, "sparse", writes.subList(i, Math.min(n, i + 1000))));
        }
        double wsecs = (System.nanoTime() - t1) / 1e9;
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        out.printf(
                Locale.ROOT,
                "sparse: %d 4 KiB writes across a 16 TiB file in %.2f s (%.0f writes/s);"
                        + " heap grew %.1f MiB (%.0f bytes per write), i_size %d%n",
                n,
                wsecs,
                n / wsecs,
                (after - before) / 1048576.0,
                (after - before) / (double) n,
                sparse.lookup("sparse").orElseThrow().size());
    }
}

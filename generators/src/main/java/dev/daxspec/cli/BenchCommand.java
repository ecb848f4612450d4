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
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daxspec bench}: how fast the oracle replays xfs_io commands, and what a sparse file costs it. */
@Command(name = "bench",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Measure the oracle: replay a seeded random workload of xfs_io commands and",
            "print commands per second; then write at random offsets of a 16 TiB sparse",
            "file and print the heap it costs. Figures, not a pass/fail test.",
        },
        footer = {
            "",
            "Example:",
            "  daxspec bench --commands 500000 --fs xfs",
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--commands", paramLabel = "N", defaultValue = "200000",
            description = "Commands to replay. Default: ${DEFAULT-VALUE}.")
    int commands;

    @Option(names = "--per-run", paramLabel = "N", defaultValue = "50",
            description = "Commands per xfs_io run (each run is one invocation on a fresh file).")
    int perRun;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Workload seed. Default: 1.")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Target target = targetOptions.target();
        RandomOps gen = new RandomOps(target.geometry(), 64L << 20);
        FileSystem fs = Scratch.make(target, Kernel.CORRECT).fs()
                .orElseThrow(() -> new UserError(target + " does not mount"));
        // Warm up the JIT on a tenth of the workload, then measure.
        replay(fs, gen, seed + 1, commands / 10);
        fs = Scratch.make(target, Kernel.CORRECT).fs().orElseThrow();
        long t0 = System.nanoTime();
        long bytes = replay(fs, gen, seed, commands);
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "replay: %d xfs_io commands on %s in %.2f s: %.0f commands/s (%d bytes printed)%n",
                commands, target, secs, commands / secs, bytes);

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
        out.printf(Locale.ROOT, "sparse: %d 4 KiB writes across a 16 TiB file in %.2f s (%.0f writes/s);"
                        + " heap grew %.1f MiB (%.0f bytes per write), i_size %d%n",
                n, wsecs, n / wsecs, (after - before) / 1048576.0, (after - before) / (double) n,
                sparse.lookup("sparse").orElseThrow().size());
        out.flush();
        return 0;
    }

    /** Replays {@code count} commands in runs of {@link #perRun}, each on a new file; returns bytes printed. */
    private long replay(FileSystem fs, RandomOps gen, long seed, int count) {
        long printed = 0;
        for (int done = 0, run = 0; done < count; done += perRun, run++) {
            List<Op> ops = gen.sequence(seed * 1_000_003L + run, Math.min(perRun, count - done));
            printed += XfsIo.run(fs, new Invocation(true, false, "f" + (run % 64), ops)).output().length();
        }
        return printed;
    }
}

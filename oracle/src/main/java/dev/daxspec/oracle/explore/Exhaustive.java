package dev.daxspec.oracle.explore;

import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Fsync;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Mmap;
import dev.daxspec.oracle.ops.Mread;
import dev.daxspec.oracle.ops.Msync;
import dev.daxspec.oracle.ops.Munmap;
import dev.daxspec.oracle.ops.Mwrite;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.ops.Truncate;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.Invocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Bounded-exhaustive programs, as ACE enumerates crash workloads: every sequence of at most
 * K commands over an alphabet, each command instantiated at every offset of a boundary set
 * (and, where it takes one, every length of a length set). Consecutive xfs_io commands run
 * in one xfs_io, so a mapping made by {@code mmap} is there for the {@code mread} and
 * {@code mwrite} after it; {@code remount} and {@code crash} are program-level steps
 * between runs. Programs are numbered: shorter ones first, then in the alphabet's order,
 * so a shard is a set of numbers. Immutable and thread-safe.
 */
public final class Exhaustive {

    /** The command names the alphabet may hold, with what each stands for. */
    public static final Map<String, String> COMMANDS = commands();

    private final Target target;
    private final List<Object> units;
    private final int maxCommands;
    private final long size;

    private Exhaustive(Target target, List<Object> units, int maxCommands) {
        this.target = target;
        this.units = units;
        this.maxCommands = maxCommands;
        long n = 0;
        long power = 1;
        for (int k = 1; k <= maxCommands; k++) {
            power = Math.multiplyExact(power, units.size());
            n = Math.addExact(n, power);
        }
        this.size = n;
    }

    private static Map<String, String> commands() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pwrite", "pwrite -S 0x61 OFF LEN");
        m.put("pread", "pread -v OFF 16");
        m.put("truncate", "truncate OFF");
        m.put("falloc", "falloc OFF LEN");
        m.put("falloc-k", "falloc -k OFF LEN");
        m.put("fpunch", "fpunch OFF LEN");
        m.put("fzero", "fzero OFF LEN");
        m.put("fzero-k", "fzero -k OFF LEN");
        m.put("seek", "seek -a -r OFF");
        m.put("fsync", "fsync");
        m.put("mmap", "mmap 0 LEN (and mmap -S 0 LEN on DAX)");
        m.put("mread", "mread -v OFF 16");
        m.put("mwrite", "mwrite -S 0x62 OFF LEN");
        m.put("msync", "msync -s");
        m.put("munmap", "munmap");
        m.put("remount", "umount and mount");
        m.put("crash", "daxspec_crash (pmem in a VM only)");
        return m;
    }

    /**
     * @param names commands of {@link #COMMANDS}, in the order programs are enumerated
     * @param offsets the boundary set: offsets every OFF takes
     * @param lengths every LEN takes, each at least 1
     * @throws IllegalArgumentException naming an unknown command or a bad number
     */
    public static Exhaustive of(
            Target target, List<String> names, List<Long> offsets, List<Long> lengths, int maxCommands) {
        if (maxCommands < 1 || maxCommands > 8) {
            throw new IllegalArgumentException("bounded-exhaustive programs have 1 to 8 commands, not " + maxCommands);
        }
        for (long o : offsets) {
            if (o < 0) {
                throw new IllegalArgumentException("offset " + o + " is negative");
            }
        }
        for (long l : lengths) {
            if (l < 1) {
                throw new IllegalArgumentException("length " + l + " is below 1");
            }
        }
        List<Object> units = new ArrayList<>();
        for (String n : names) {
            units.addAll(instances(n, offsets, lengths, target));
        }
        if (units.isEmpty()) {
            throw new IllegalArgumentException("the alphabet is empty");
        }
        return new Exhaustive(target, List.copyOf(units), maxCommands);
    }

    private static List<Object> instances(String name, List<Long> offs, List<Long> lens, Target t) {
        List<Object> out = new ArrayList<>();
        switch (name) {
            case "pwrite" -> each(offs, lens, (o, l) -> out.add(new Pwrite(o, l, 0x61, OptionalLong.empty())));
            case "pread" -> offs.forEach(o -> out.add(new Pread(o, 16, true)));
            case "truncate" -> offs.forEach(o -> out.add(new Truncate(o)));
            case "falloc" -> each(offs, lens, (o, l) -> out.add(new Falloc(false, o, l)));
            case "falloc-k" -> each(offs, lens, (o, l) -> out.add(new Falloc(true, o, l)));
            case "fpunch" -> each(offs, lens, (o, l) -> out.add(new Fpunch(o, l)));
            case "fzero" -> each(offs, lens, (o, l) -> out.add(new Fzero(false, o, l)));
            case "fzero-k" -> each(offs, lens, (o, l) -> out.add(new Fzero(true, o, l)));
            case "seek" -> offs.forEach(o -> out.add(new Seek(true, true, true, false, o)));
            case "fsync" -> out.add(new Fsync());
            case "mmap" -> {
                for (long l : lens) {
                    long len = t.geometry().roundUpToPage(l);
                    out.add(new Mmap(false, false, false, false, false, 0, len));
                    if (t.device().kind().supportsDax()) {
                        out.add(new Mmap(false, false, false, true, false, 0, len));
                    }
                }
            }
            case "mread" -> offs.forEach(o -> out.add(new Mread(true, false, OptionalLong.of(o), OptionalLong.of(16))));
            case "mwrite" ->
                each(offs, lens, (o, l) -> out.add(new Mwrite(0x62, OptionalLong.of(o), OptionalLong.of(l))));
            case "msync" -> out.add(new Msync(false, false, true, OptionalLong.empty(), OptionalLong.empty()));
            case "munmap" -> out.add(new Munmap());
            case "remount" -> out.add(new RemountStep());
            case "crash" -> out.add(new CrashStep());
            default ->
                throw new IllegalArgumentException(
                        "unknown command '" + name + "' (known: " + String.join(", ", COMMANDS.keySet()) + ")");
        }
        return out;
    }

    private interface OffLen {
        void accept(long off, long len);
    }

    private static void each(List<Long> offs, List<Long> lens, OffLen f) {
        for (long o : offs) {
            for (long l : lens) {
                f.accept(o, l);
            }
        }
    }

    /** How many programs there are: the sum over k of (alphabet size)^k. */
    public long size() {
        return size;
    }

    /** The alphabet's size: each command at each of its offsets and lengths. */
    public int alphabetSize() {
        return units.size();
    }

    /** Program number {@code index}, from 0 to {@link #size()} - 1. */
    public Program program(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("program " + index + " of " + size);
        }
        long rest = index;
        int k = 1;
        long power = units.size();
        while (rest >= power) {
            rest -= power;
            power *= units.size();
            k++;
        }
        Object[] picked = new Object[k];
        for (int i = k - 1; i >= 0; i--) {
            picked[i] = units.get((int) (rest % units.size()));
            rest /= units.size();
        }
        List<Step> steps = new ArrayList<>();
        List<Op> run = new ArrayList<>();
        for (Object u : picked) {
            if (u instanceof Op op) {
                run.add(op);
            } else {
                flush(run, steps);
                steps.add((Step) u);
            }
        }
        flush(run, steps);
        return new Program(target, steps);
    }

    private static void flush(List<Op> run, List<Step> steps) {
        if (!run.isEmpty()) {
            steps.add(new XfsIoStep(new Invocation(true, false, ProgramGenerator.FILE, List.copyOf(run))));
            run.clear();
        }
    }

    public int maxCommands() {
        return maxCommands;
    }
}

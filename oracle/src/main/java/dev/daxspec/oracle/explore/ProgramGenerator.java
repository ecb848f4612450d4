package dev.daxspec.oracle.explore;

import dev.daxspec.oracle.Scratch;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.fs.Inode;
import dev.daxspec.oracle.fs.Unpredictable;
import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fdatasync;
import dev.daxspec.oracle.ops.Fiemap;
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
import dev.daxspec.oracle.ops.Stat;
import dev.daxspec.oracle.ops.Statx;
import dev.daxspec.oracle.ops.Truncate;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.ProgramRunner;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.DaxOption;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.Invocation;
import dev.daxspec.oracle.xfsio.XfsIo;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Seeded random programs over the whole modelled vocabulary: xfs_io's file commands,
 * shared and private mappings with accesses on both sides of EOF, and the program-level
 * steps the {@link Vocabulary} allows. Offsets and lengths aim at the boundaries the rules
 * care about: block, page and PMD multiples, one to three bytes either side, and the
 * file's current i_size, which the generator knows because it runs each step on the
 * oracle as it draws it and follows each command's effect on i_size as it draws the
 * next. Where a mapping stored past EOF in the EOF page, later commands aim at growing the
 * file over those bytes and at reading them back (B6).
 *
 * <p>Every program it returns is valid: the oracle predicts it on the correct kernel
 * without refusing ({@link Unpredictable}), and a crash leaves it at most 64 outcomes.
 * The same seed gives the same program.
 * Immutable and thread-safe.
 */
public final class ProgramGenerator {

    /** The one file programs work on, as the conformance cases do. */
    public static final String FILE = "f";

    /**
     * The most transcripts a crash may leave a program: more means a long run of system calls
     * before the crash, which costs the oracle memory and time and makes no rule clearer.
     */
    private static final int MAX_OUTCOMES = 64;

    /** Draws tried for one seed before it is given up as yielding no valid program. */
    private static final int ATTEMPTS = 32;

    private final List<Target> targets;
    /**
     * Each target as often as its weight: DAX mounts, where the rules act most, four times;
     * targets that do not mount once.
     */
    private final List<Target> draws;

    private final Vocabulary vocabulary;
    private final int maxCommands;
    private final Kernel reference;

    /**
     * @param targets where programs run; each program draws one
     * @param maxCommands the most commands (xfs_io {@code -c} commands and program-level steps) in a program
     */
    public ProgramGenerator(List<Target> targets, Vocabulary vocabulary, int maxCommands) {
        this(targets, vocabulary, maxCommands, Kernel.CORRECT);
    }

    /**
     * @param reference the correct kernel, with the profile of the kernel the programs run
     *     on, that must predict every program
     */
    public ProgramGenerator(List<Target> targets, Vocabulary vocabulary, int maxCommands, Kernel reference) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a program generator needs at least one target");
        }
        if (maxCommands < 1) {
            throw new IllegalArgumentException("programs need at least 1 command, not " + maxCommands);
        }
        this.targets = List.copyOf(targets);
        List<Target> d = new ArrayList<>();
        for (Target t : targets) {
            // A target that does not mount (ext4 refuses DAX with blocks smaller than a page)
            // gives one program whatever is drawn, its mount's transcript: once is enough.
            boolean mounts = Scratch.make(t, reference).fs().isPresent();
            for (int i = 0; i < (mounts && dax(t) ? 4 : 1); i++) {
                d.add(t);
            }
        }
        this.draws = List.copyOf(d);
        this.vocabulary = vocabulary;
        this.maxCommands = maxCommands;
        this.reference = reference;
    }

    public List<Target> targets() {
        return targets;
    }

    /** Whether the mount asks for DAX on a DAX-capable device. */
    private static boolean dax(Target t) {
        return t.device().kind() == DeviceKind.PMEM
                && (t.mount().dax() == DaxOption.ALWAYS || t.mount().dax() == DaxOption.LEGACY);
    }

    /**
     * The program of {@code seed}: the first of a few draws that the oracle predicts.
     *
     * @throws IllegalStateException when no draw is predictable, which the model's refusals
     *     make very unlikely
     */
    public Program program(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < ATTEMPTS; i++) {
            SplittableRandom r = seeds.split();
            Target t = draws.get(r.nextInt(draws.size()));
            int commands = 1 + r.nextInt(maxCommands);
            try {
                Program p = new Draw(r, t, commands).program();
                if (ProgramRunner.outcomes(p, reference).size() <= MAX_OUTCOMES) {
                    return p;
                }
            } catch (Unpredictable | IllegalArgumentException e) {
                // The model refuses this program (a write at ENOSPC whose outcome the
                // allocator decides, a fill xfs cannot do); draw again.
            }
        }
        throw new IllegalStateException("seed " + seed + ": no predictable program in " + ATTEMPTS + " draws");
    }

    /** The number of commands of a program: each xfs_io {@code -c} command and each program-level step. */
    public static int commands(Program p) {
        int n = 0;
        for (Step s : p.steps()) {
            n += s instanceof XfsIoStep x ? x.invocation().ops().size() : 1;
        }
        return n;
    }

    /** One program being drawn, with the oracle's state after the steps drawn so far. */
    private final class Draw {
        private final SplittableRandom r;
        private final Target target;
        private final Geometry g;
        private final List<Step> steps = new ArrayList<>();
        /** Every i_size the file has had: where EOF was is where its rules act later (B6). */
        private final List<Long> sizes = new ArrayList<>(List.of(0L));
        /** Where pwrite and mwrite stored, less a few bytes: reads aim there to see what became of the data. */
        private final List<Long> stores = new ArrayList<>();
        /**
         * i_size as the commands drawn so far leave it: the oracle's after the last run,
         * then each drawn command's effect, so that a command aims at the EOF the ones
         * before it in the same run leave.
         */
        private long eof;
        /**
         * The i_size a mapping stored past in the EOF page, or -1: until the file grows
         * over those bytes or writeback zeroes them, a growing step is what exposes them
         * where the EOF page is not zeroed (B6).
         */
        private long tail = -1;
        /** Old EOFs the file grew over while a mapping's bytes lay past them: where reads look (B6). */
        private final List<Long> grownOver = new ArrayList<>();
        /** A page punched under a mapping, or -1: where the mapping must now read zeros (B10). */
        private long punched = -1;

        private FileSystem fs;
        private int left;

        Draw(SplittableRandom r, Target target, int commands) {
            this.r = r;
            this.target = target;
            this.g = target.geometry();
            this.left = commands;
            // A target that does not mount still makes a program: its transcript is the mount's.
            this.fs = Scratch.make(target, reference).fs().orElse(null);
        }

        Program program() {
            while (left > 0 && fs != null) {
                int k = r.nextInt(100);
                if (k < 4 && vocabulary.remount() && !steps.isEmpty()) {
                    add(new RemountStep());
                    fs = fs.remount();
                    eof = actualSize();
                    if (!dax(target)) {
                        // The unmount writes the EOF page back, zeroed past i_size.
                        tail = -1;
                    }
                } else if (k < 9 && vocabulary.fill() && steps.isEmpty()) {
                    long free = r.nextInt(3) == 0 ? 0 : r.nextInt(1, 12);
                    add(new FillStep(free));
                    fs.fillTo(free);
                } else if (k < 14
                        && vocabulary.crash()
                        && target.device().kind() == DeviceKind.PMEM
                        && !steps.isEmpty()
                        && steps.stream().noneMatch(CrashStep.class::isInstance)) {
                    // One crash at most: each system call since the last forced commit is a
                    // state a crash may leave, and two crashes multiply them.
                    add(new CrashStep());
                    // Where the crash leaves the file only aims later offsets; the oracle
                    // judges every outcome. A remount is the outcome with everything durable.
                    fs = fs.remount();
                    eof = actualSize();
                    tail = -1;
                } else if (k < 40 && (size() > 0 || r.nextInt(4) == 0)) {
                    // Mostly over data: a mapping of an empty file only raises SIGBUS.
                    mappingSession();
                } else {
                    fileCommands();
                }
            }
            return new Program(target, steps);
        }

        private void add(Step s) {
            steps.add(s);
            left -= s instanceof XfsIoStep x ? x.invocation().ops().size() : 1;
        }

        private void run(Invocation inv, boolean traced) {
            add(new XfsIoStep(inv, traced));
            for (Op op : inv.ops()) {
                if (op instanceof Pwrite w) {
                    stores.add(Math.max(0, w.offset() - r.nextInt(4)));
                } else if (op instanceof Mwrite w && w.offset().isPresent()) {
                    stores.add(Math.max(0, w.offset().getAsLong() - r.nextInt(4)));
                }
            }
            XfsIo.run(fs, inv);
            eof = actualSize();
            sizes.add(eof);
        }

        private long actualSize() {
            return fs.lookup(FILE).map(Inode::size).orElse(0L);
        }

        /** i_size as the commands drawn so far leave it. */
        private long size() {
            return eof;
        }

        /** Follows a drawn command's effect on i_size and on bytes stored past EOF; returns it. */
        private Op follow(Op op) {
            long before = eof;
            if (op instanceof Truncate t) {
                eof = t.size();
            } else if (op instanceof Pwrite w && w.length() > 0) {
                eof = Math.max(eof, w.offset() + w.length());
            } else if (op instanceof Falloc f && !f.keepSize()) {
                eof = Math.max(eof, f.offset() + f.length());
            } else if (op instanceof Fzero z && !z.keepSize()) {
                eof = Math.max(eof, z.offset() + z.length());
            } else if (op instanceof Mwrite w
                    && w.offset().isPresent()
                    && w.length().isPresent()
                    && w.offset().getAsLong() + w.length().getAsLong() > eof
                    && w.offset().getAsLong() < g.roundUpToPage(eof)
                    && eof % g.pageSize() != 0) {
                tail = eof;
            } else if (!dax(target)
                    && (op instanceof Fsync
                            || op instanceof Fdatasync
                            || op instanceof Fiemap
                            || op instanceof Msync)) {
                // Writeback zeroes the EOF page past i_size before writing it
                // (block_write_full_page(), ext4_bio_write_page()): nothing is left to expose.
                tail = -1;
            }
            if (eof < before && tail >= 0) {
                // Truncate down zeroes the new EOF block's tail; what lies past the new EOF
                // is gone.
                tail = -1;
            } else if (tail >= 0 && eof > tail) {
                grownOver.add(tail);
                tail = -1;
            }
            return op;
        }

        /** {@code xfs_io -f -c CMD ...} with one to three file commands. */
        private void fileCommands() {
            int n = Math.min(left, 1 + r.nextInt(3));
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ops.add(follow(fileOp(i == left - 1)));
            }
            run(new Invocation(true, false, FILE, ops), false);
        }

        /** @param last whether it is the program's last command, which then looks at an old EOF if there is one */
        private Op fileOp(boolean last) {
            if (tail >= 0 && r.nextBoolean()) {
                return grow(false);
            }
            if (!grownOver.isEmpty() && (last || r.nextBoolean())) {
                return new Pread(oldEofRead(), 1 + r.nextInt(48), true);
            }
            int k = r.nextInt(100);
            if (k < 28) {
                OptionalLong bsize =
                        r.nextInt(6) == 0 ? OptionalLong.of(g.blockSize() * (1L + r.nextInt(4))) : OptionalLong.empty();
                return new Pwrite(offset(), length(), 0x41 + r.nextInt(26), bsize);
            }
            if (k < 42) {
                long off = r.nextInt(3) == 0 && !stores.isEmpty() ? stores.get(r.nextInt(stores.size())) : offset();
                boolean verbose = r.nextInt(3) > 0;
                long len = verbose ? 1 + r.nextInt(48) : length();
                return new Pread(off, len, verbose);
            }
            if (k < 52) {
                return truncate();
            }
            if (k < 60) {
                return new Falloc(r.nextBoolean(), offset(), positiveLength());
            }
            if (k < 67) {
                return new Fpunch(offset(), positiveLength());
            }
            if (k < 74) {
                return new Fzero(r.nextBoolean(), offset(), positiveLength());
            }
            if (k < 82) {
                int which = r.nextInt(3);
                return new Seek(which != 1, which != 0, r.nextInt(3) == 0, false, offset());
            }
            if (k < 86) {
                return new Fiemap(true);
            }
            if (k < 89) {
                return new Stat();
            }
            if (k < 91) {
                return new Statx(false);
            }
            return r.nextBoolean() ? new Fsync() : new Fdatasync();
        }

        /**
         * One mapping, used and maybe unmapped in the same run: {@code mmap}, then loads,
         * stores, msync and (for xfs_io) file commands under the mapping, on both sides of
         * EOF. A private mapping runs in daxspec-probe, which takes only the mapping
         * commands, fpunch and truncate.
         */
        private void mappingSession() {
            if (left < 2) {
                fileCommands();
                return;
            }
            boolean priv = vocabulary.probe() && r.nextInt(5) == 0;
            boolean dax = target.device().kind() == DeviceKind.PMEM;
            boolean sync = !priv && r.nextInt(dax ? 3 : 8) == 0;
            int prot = r.nextInt(8);
            boolean read = prot < 2 || prot == 3 || prot == 4;
            boolean write = prot == 2 || prot == 3 || prot == 4;
            long pmd = g.pmdSize();
            // An EOF inside a page maps that page half the time: faults at EOF (B2) and stores
            // past it (B6) act there.
            long mapOff = size() % g.pageSize() != 0 && r.nextBoolean()
                    ? g.roundDownToPage(size())
                    : switch (r.nextInt(6)) {
                        case 0 -> pmd * r.nextInt(2);
                        case 1, 2 -> g.roundDownToPage(size());
                        case 3 -> 0;
                        default -> g.pageSize() * (long) r.nextInt(4);
                    };
            long mapLen = switch (r.nextInt(5)) {
                case 0 -> pmd * (1 + r.nextInt(2));
                case 1 -> Math.max(g.pageSize(), g.roundUpToPage(size() - mapOff) + g.pageSize());
                default -> g.pageSize() * (1L + r.nextInt(4));
            };
            List<Op> ops = new ArrayList<>();
            ops.add(new Mmap(read, write, false, sync, priv, mapOff, mapLen));
            if (mapLen >= pmd && size() < mapOff + mapLen && left > 2 && r.nextBoolean()) {
                // A PMD-sized mapping over a file that reaches across it: where PMD faults
                // and PMD holes happen (B4; Ross Zwisler on Christoph Hellwig's iomap DAX
                // draft, linux-ext4, Aug 2016).
                ops.add(follow(new Truncate(mapOff + mapLen)));
            }
            int n = Math.min(left - ops.size(), 1 + r.nextInt(4));
            for (int i = 0; i < n; i++) {
                ops.add(follow(mappingOp(priv, mapOff, mapLen)));
            }
            if (ops.size() < left && r.nextBoolean()) {
                ops.add(new Munmap());
            }
            boolean traced = vocabulary.trace() && dax && r.nextInt(3) == 0;
            run(new Invocation(priv, true, false, FILE, ops), traced);
        }

        private Op mappingOp(boolean priv, long mapOff, long mapLen) {
            if (tail >= 0 && r.nextInt(3) == 0) {
                return grow(priv);
            }
            if (!grownOver.isEmpty() && r.nextBoolean()) {
                long old = oldEofRead();
                if (old >= mapOff && old < mapOff + mapLen) {
                    return new Mread(
                            true,
                            false,
                            OptionalLong.of(old),
                            OptionalLong.of(Math.min(mapOff + mapLen - old, 1 + r.nextInt(48))));
                }
            }
            if (punched >= mapOff && punched < mapOff + mapLen && r.nextBoolean()) {
                long page = punched;
                punched = -1;
                return new Mread(true, false, OptionalLong.of(page), OptionalLong.of(1 + r.nextInt(32)));
            }
            long pageEnd = g.roundUpToPage(eof);
            if (tail < 0 && eof < pageEnd && eof >= mapOff && pageEnd <= mapOff + mapLen && r.nextInt(4) == 0) {
                // A store past EOF in the EOF page, from EOF or up to the page's end: B6 is
                // about where those bytes go.
                long from = r.nextBoolean() ? eof : pageEnd - 1 - r.nextLong(Math.min(64, pageEnd - eof));
                long to = from == eof ? from + 1 + r.nextLong(pageEnd - eof) : pageEnd;
                return new Mwrite(0x61 + r.nextInt(26), OptionalLong.of(from), OptionalLong.of(to - from));
            }
            int k = r.nextInt(100);
            long off = inMapping(mapOff, mapLen);
            long len =
                    Math.max(1, Math.min(mapOff + mapLen - off, r.nextInt(3) == 0 ? g.pageSize() : 1 + r.nextInt(40)));
            if (k < 35) {
                boolean verbose = len <= 64 && r.nextInt(6) > 0;
                return new Mread(verbose, false, OptionalLong.of(off), OptionalLong.of(len));
            }
            if (k < 65) {
                return new Mwrite(0x61 + r.nextInt(26), OptionalLong.of(off), OptionalLong.of(len));
            }
            if (k < 75) {
                return new Msync(false, false, r.nextBoolean(), OptionalLong.empty(), OptionalLong.empty());
            }
            if (k < 85) {
                return truncate();
            }
            if (k < 92 || priv) {
                return r.nextBoolean() ? punchMappedPages(mapOff, mapLen) : new Fpunch(offset(), positiveLength());
            }
            return r.nextBoolean()
                    ? new Pwrite(offset(), length(), 0x41 + r.nextInt(26), OptionalLong.empty())
                    : new Pread(offset(), 1 + r.nextInt(48), true);
        }

        /**
         * A punch of whole pages under the mapping: B10 is about what the mapping shows of
         * those pages afterwards (they must be torn down, then read as zeros).
         */
        private Fpunch punchMappedPages(long mapOff, long mapLen) {
            int pages = (int) (mapLen / g.pageSize());
            long first = mapOff + g.pageSize() * (long) r.nextInt(pages);
            long len = g.pageSize() * (long) r.nextInt(1, Math.min(2, pages) + 1);
            punched = first;
            return new Fpunch(first, Math.min(len, mapOff + mapLen - first));
        }

        /** An offset in the mapping, aimed at its pages' edges and at EOF. */
        private long inMapping(long mapOff, long mapLen) {
            long end = mapOff + mapLen;
            long pick = switch (r.nextInt(8)) {
                case 0 -> size() + r.nextInt(-3, 4);
                case 1 -> g.roundUpToPage(size()) + r.nextInt(-3, 4);
                case 2, 3 -> mapOff + g.pageSize() * (long) r.nextInt(Math.max(1, (int) (mapLen / g.pageSize())));
                case 4 -> mapOff + r.nextLong(mapLen);
                case 5 -> earlierSize() + r.nextInt(-3, 4);
                default -> mapOff;
            };
            return Math.max(mapOff, Math.min(end - 1, pick));
        }

        /**
         * A command that grows i_size over bytes a mapping stored past EOF: truncate up, a
         * write past EOF or a fallocate or zero range without KEEP_SIZE, ending in the EOF
         * page or past it (B6: the EOF page's tail must read as zeros once it is file data).
         * Only truncate where the run is daxspec-probe's.
         */
        private Op grow(boolean truncateOnly) {
            long pageEnd = g.roundUpToPage(eof);
            long past = switch (r.nextInt(3)) {
                case 0 -> eof + 1 + r.nextInt(16);
                case 1 -> pageEnd + r.nextInt(3);
                default -> pageEnd + g.pageSize() * (long) r.nextInt(1, 3);
            };
            int k = truncateOnly ? 0 : r.nextInt(8);
            if (k < 3) {
                return new Truncate(past);
            }
            if (k < 6) {
                // The write starts past EOF, so the gap it leaves is the stored bytes'.
                long len = 1 + r.nextInt(16);
                return new Pwrite(Math.max(eof + 1, past - len), len, 0x41 + r.nextInt(26), OptionalLong.empty());
            }
            long from = Math.max(eof + 1, g.roundDownToBlock(past));
            return k == 6
                    ? new Falloc(false, from, Math.max(1, past - from) + r.nextInt(2) * g.blockSize())
                    : new Fzero(false, from, Math.max(1, past - from) + r.nextInt(2) * g.blockSize());
        }

        /** An offset near an old EOF the file grew over, or near the end of its page (B6). */
        private long oldEofRead() {
            long old = grownOver.get(r.nextInt(grownOver.size()));
            return r.nextInt(3) == 0 ? g.roundUpToPage(old) - 1 - r.nextInt(32) : Math.max(0, old - r.nextInt(4));
        }

        /** Truncate down or up, up past the EOF page as often as not: growing i_size is where B6 acts. */
        private Truncate truncate() {
            if (r.nextBoolean() && size() > 0) {
                return new Truncate(g.roundUpToPage(size() + 1) + g.pageSize() * (long) r.nextInt(2));
            }
            return new Truncate(offset());
        }

        private long earlierSize() {
            return sizes.get(r.nextInt(sizes.size()));
        }

        /** An offset on or next to a block, page or PMD boundary, or at or near the current or an earlier i_size. */
        private long offset() {
            long size = size();
            long base = switch (r.nextInt(11)) {
                case 0 -> size;
                case 1, 10 -> earlierSize();
                case 2 -> g.roundUpToBlock(size);
                case 3 -> g.roundUpToPage(size);
                case 4 -> g.blockSize() * (long) r.nextInt(9);
                case 5, 6 -> g.pageSize() * (long) r.nextInt(9);
                case 7 -> g.pmdSize() * (long) r.nextInt(1, 3);
                case 8 -> r.nextLong(2L * g.pageSize());
                default -> 0;
            };
            long nudge = switch (r.nextInt(4)) {
                case 0 -> -1 - r.nextInt(3);
                case 1 -> 1 + r.nextInt(3);
                default -> 0;
            };
            return Math.max(0, base + nudge);
        }

        private long length() {
            return switch (r.nextInt(7)) {
                case 0 -> r.nextInt(17);
                case 1 -> g.blockSize() + r.nextInt(-1, 2);
                case 2 -> r.nextLong(1, 3L * g.pageSize());
                case 3 -> Math.max(1, size() - g.roundDownToBlock(size()));
                case 4 -> g.pmdSize();
                default -> g.pageSize() * (1L + r.nextInt(4));
            };
        }

        private long positiveLength() {
            return Math.max(1, length());
        }
    }
}

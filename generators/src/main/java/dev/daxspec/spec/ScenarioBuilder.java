package dev.daxspec.spec;

import dev.daxspec.oracle.fs.MountResult;
import dev.daxspec.oracle.fs.MountRules;
import dev.daxspec.oracle.geometry.ByteSize;
import dev.daxspec.oracle.geometry.Geometry;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fdatasync;
import dev.daxspec.oracle.ops.Fiemap;
import dev.daxspec.oracle.ops.Fsync;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Msync;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.ops.Stat;
import dev.daxspec.oracle.ops.Statx;
import dev.daxspec.oracle.ops.Sync;
import dev.daxspec.oracle.ops.Truncate;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.Invocation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * One scenario being built, step by step: its target, its files and mappings, the
 * actions its steps ask for and the claims its Then steps make, each tied to the step it
 * came from. Step definitions only hand it operations and expectations;
 * {@link #compile()} lays the actions out as processes ({@link ProcessPlanner}) and
 * binds each claim to the commands it reads.
 *
 * <p>It also keeps the file's size as the steps set it (EOF for offsets such as
 * {@code EOF+1}): a write or truncate moves it, fsync makes it durable, a crash goes back
 * to the durable size, and after a write on a filled filesystem it is unknown.
 *
 * <p>One per scenario; not thread-safe.
 */
final class ScenarioBuilder {

    /** What the steps know about a file's size. */
    private static final class FileState {
        OptionalLong eof = OptionalLong.of(0);
        OptionalLong durable = OptionalLong.empty();
    }

    private record Pending(
            StepRef step, boolean aboutMount, BiFunction<StepRef, Map<Integer, OpRef>, Expectation> make) {}

    private ScenarioInfo info;
    private int stepIndex = -1;

    private Filesystem fs;
    private DeviceKind device;
    private MountOptions mount;
    private int blockSize = 4096;
    private int pageSize = 4096;
    private Long deviceSize;
    private StepRef targetStep;
    private StepRef pageSizeStep;
    private Target target;

    private String file;
    private final Map<String, FileState> files = new HashMap<>();
    private final Map<String, MappingSpec> mappings = new HashMap<>();
    private final List<Action> actions = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private int lastWrite = -1;
    private int lastRaw = -1;
    private int mounts;
    private boolean filled;

    /** Starts the scenario {@code info}. */
    void begin(ScenarioInfo scenario) {
        this.info = scenario;
    }

    ScenarioInfo info() {
        return info;
    }

    /** Called before each step runs. */
    void beforeStep() {
        stepIndex++;
    }

    /** The step running now. */
    StepRef step() {
        if (info == null || stepIndex < 0 || stepIndex >= info.steps().size()) {
            throw new IllegalStateException("no step is running");
        }
        return info.steps().get(stepIndex);
    }

    /** An authoring error at the step running now. */
    AuthoringError error(String message) {
        return new AuthoringError(step(), message);
    }

    // ------------------------------------------------------------------ target

    void target(Filesystem f, DeviceKind d, MountOptions m) {
        if (targetStep != null) {
            throw error("the target is already set at line " + targetStep.line());
        }
        fs = f;
        device = d;
        mount = m;
        targetStep = step();
        tryTarget();
    }

    void blockSize(long bytes) {
        blockSize = targetPart("block size", bytes);
        tryTarget();
    }

    void pageSize(long bytes) {
        pageSize = targetPart("page size", bytes);
        pageSizeStep = step();
        tryTarget();
    }

    void deviceSize(long bytes) {
        targetPart("device size", 0);
        deviceSize = bytes;
        tryTarget();
    }

    private int targetPart(String what, long bytes) {
        if (targetStep == null) {
            throw error("set the " + what + " after the target ('Given ext4 on pmem mounted with dax=always')");
        }
        if (target != null) {
            throw error("set the " + what + " before the first step that uses the filesystem");
        }
        if (bytes > Integer.MAX_VALUE) {
            throw error(ByteSize.format(bytes) + " is out of range for a " + what);
        }
        return (int) bytes;
    }

    private Target build() {
        Target.Builder b = Target.builder()
                .fs(fs)
                .device(device)
                .mount(mount)
                .blockSize(blockSize)
                .pageSize(pageSize);
        if (deviceSize != null) {
            b.deviceSize(deviceSize);
        }
        return b.build();
    }

    private void tryTarget() {
        try {
            build();
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** The target, fixed from the first step that uses it on. */
    Target target() {
        if (target == null) {
            if (targetStep == null) {
                throw error("no target yet: start with 'Given ext4 on pmem mounted with dax=always' or the like");
            }
            target = build();
        }
        return target;
    }

    /** The k-th mount: 0 after mkfs, one more after each crash or remount. */
    int mountIndex() {
        return mounts;
    }

    // ------------------------------------------------------------------ values

    private ByteExpr.Context context() {
        FileState f = file == null ? null : files.get(file);
        return new ByteExpr.Context(target().geometry(), f == null ? OptionalLong.empty() : f.eof);
    }

    /** An offset or size in bytes. */
    long bytes(ByteExpr e) {
        try {
            return e.resolve(context());
        } catch (IllegalArgumentException x) {
            throw error(x.getMessage());
        }
    }

    /** A size that sets the target's geometry: in bytes alone, since the geometry is what it sets. */
    long absoluteBytes(ByteExpr e) {
        if (!e.isAbsolute()) {
            throw error("'" + e + "' depends on the geometry it is setting: write it in bytes, KiB or MiB");
        }
        try {
            return e.resolve(new ByteExpr.Context(Geometry.X86_64, OptionalLong.empty()));
        } catch (IllegalArgumentException x) {
            throw error(x.getMessage());
        }
    }

    /** A length: at least one byte. */
    long length(ByteExpr e) {
        long n = bytes(e);
        if (n == 0) {
            throw error("'" + e + "' is 0 bytes: a length must be at least 1");
        }
        return n;
    }

    ByteRange.Bytes range(ByteRange r) {
        try {
            return r.resolve(context());
        } catch (IllegalArgumentException x) {
            throw error(x.getMessage());
        }
    }

    // ------------------------------------------------------------------ files and actions

    /** Makes {@code name} the scenario's file, created by {@code ops} (then made durable with fsync). */
    void createFile(String name, Op... ops) {
        if (name.isEmpty() || name.contains("/") || name.startsWith("-") || name.startsWith(".")) {
            throw error("file name '" + name + "' must be a plain name in the filesystem's root");
        }
        target();
        file = name;
        files.put(name, new FileState());
        for (Op op : ops) {
            command(op, Action.Need.CREATES);
        }
        command(new Fsync(), Action.Need.CREATES);
    }

    /** The scenario's file. */
    String file() {
        if (file == null) {
            throw error("no file yet: start with 'Given a file \"f\" of 4 KiB' or the like");
        }
        return file;
    }

    /**
     * Adds a command on the file; returns its action index. A stat, statx, fiemap, seek
     * or pread that an expectation reads right after the same command is not repeated:
     * the claims share its output.
     */
    int command(Op op, Action.Need... needs) {
        String f = file();
        target();
        EnumSet<Action.Need> set = EnumSet.noneOf(Action.Need.class);
        set.addAll(List.of(needs));
        if (!actions.isEmpty()
                && actions.get(actions.size() - 1) instanceof Action.Command last
                && (op instanceof Stat
                        || op instanceof Statx
                        || op instanceof Fiemap
                        || op instanceof Seek
                        || op instanceof Pread)
                && last.file().equals(f)
                && last.op().equals(op)
                && last.needs().equals(set)
                && set.equals(EnumSet.of(Action.Need.OBSERVED))) {
            return actions.size() - 1;
        }
        actions.add(new Action.Command(step(), f, op, set));
        track(files.get(f), op);
        if (op instanceof Pwrite) {
            lastWrite = actions.size() - 1;
        }
        return actions.size() - 1;
    }

    /** Marks an earlier command's output as read by an expectation. */
    void observe(int action) {
        Action.Command c = (Action.Command) actions.get(action);
        EnumSet<Action.Need> set = EnumSet.of(Action.Need.OBSERVED);
        set.addAll(c.needs());
        actions.set(action, new Action.Command(c.step(), c.file(), c.op(), set));
    }

    /** The latest pwrite, for claims about "the write". */
    int lastWrite() {
        if (lastWrite < 0) {
            throw error("there is no write before it to make a claim about");
        }
        return lastWrite;
    }

    private void track(FileState f, Op op) {
        if (op instanceof Pwrite p) {
            grow(f, p.offset() + p.length());
        } else if (op instanceof Truncate t) {
            f.eof = OptionalLong.of(t.size());
        } else if (op instanceof Falloc a && !a.keepSize()) {
            grow(f, a.offset() + a.length());
        } else if (op instanceof Fzero z && !z.keepSize()) {
            grow(f, z.offset() + z.length());
        } else if (op instanceof Fsync || op instanceof Fdatasync || op instanceof Msync m && m.sync()) {
            f.durable = f.eof;
        } else if (op instanceof Sync) {
            files.values().forEach(x -> x.durable = x.eof);
        }
    }

    private void grow(FileState f, long end) {
        if (filled) {
            // Out of space, a write or preallocation may stop short: the steps cannot know where.
            f.eof = OptionalLong.empty();
        } else if (f.eof.isPresent()) {
            f.eof = OptionalLong.of(Math.max(f.eof.getAsLong(), end));
        }
    }

    /** Declares the file's mapping. */
    void map(MappingSpec spec) {
        if (spec.offset() % target().pageSize() != 0) {
            throw error("a mapping starts on a page boundary; " + spec.offset() + " is not a multiple of PAGE_SIZE ("
                    + target().pageSize() + ")");
        }
        mappings.put(file(), spec);
        actions.add(new Action.Map(step(), file(), spec));
    }

    void unmap() {
        if (mappings.remove(file()) == null) {
            throw error("the file is not mapped");
        }
        actions.add(new Action.Unmap(step(), file()));
    }

    /** The file's mapping. */
    MappingSpec mapping() {
        MappingSpec m = mappings.get(file());
        if (m == null) {
            throw error("the file is not mapped here: say how it is mapped first ('When the file is mapped shared for"
                    + " 2 pages'), and again after a crash or remount");
        }
        return m;
    }

    /** The file's mapping, which must cover {@code [pos, pos + len)}. */
    MappingSpec mapping(long pos, long len) {
        MappingSpec m = mapping();
        if (!m.covers(pos, len)) {
            throw error("bytes " + pos + ".." + (pos + len - 1) + " are outside the mapping (" + m.offset() + ".."
                    + (m.offset() + m.length() - 1) + "): map more of the file");
        }
        return m;
    }

    /** Whether the file is mapped now. */
    boolean mapped() {
        return file != null && mappings.containsKey(file);
    }

    void crash() {
        if (target().device().kind() != DeviceKind.PMEM) {
            throw error("a crash needs a pmem target: brd loses everything on reboot");
        }
        actions.add(new Action.Crash(step()));
        mappings.clear();
        files.values().forEach(f -> f.eof = f.durable);
        mounts++;
    }

    void remount() {
        target();
        actions.add(new Action.Remount(step()));
        mappings.clear();
        files.values().forEach(f -> f.durable = f.eof);
        mounts++;
    }

    void fill(long freeBlocks) {
        target();
        actions.add(new Action.Fill(step(), freeBlocks));
        filled = true;
    }

    /** The latest xfs_io run counts its faults; returns the action index. */
    int observeFaults() {
        target();
        actions.add(new Action.ObserveFaults(step()));
        return actions.size() - 1;
    }

    /** The escape hatch: one xfs_io run as written, on {@code name}. */
    int raw(String name, List<Op> ops) {
        boolean create = !files.containsKey(name);
        if (create) {
            file = name;
            files.put(name, new FileState());
        } else {
            file = name;
        }
        files.get(name).eof = OptionalLong.empty();
        try {
            actions.add(new Action.Raw(step(), new Invocation(create, false, name, ops)));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        lastRaw = actions.size() - 1;
        return lastRaw;
    }

    int lastRaw() {
        if (lastRaw < 0) {
            throw error("no 'xfs_io runs on' step before it");
        }
        return lastRaw;
    }

    /** A claim of the step running now, made once the actions are laid out. */
    void expect(BiFunction<StepRef, Map<Integer, OpRef>, Expectation> make) {
        target();
        pending.add(new Pending(step(), false, make));
    }

    /** A claim about a mount, which may be all a scenario about a refused mount says. */
    void expectMount(BiFunction<StepRef, Map<Integer, OpRef>, Expectation> make) {
        target();
        pending.add(new Pending(step(), true, make));
    }

    // ------------------------------------------------------------------ compile

    /**
     * The scenario's program and expectations.
     *
     * @throws AuthoringError when it claims nothing, when its page size lacks its tag, or
     *     when it uses a filesystem the oracle cannot mount without saying so
     */
    CompiledScenario compile() {
        if (pending.isEmpty()) {
            throw new AuthoringError(info.asStep(), "the scenario claims nothing: give it a Then step");
        }
        Target t = target();
        if (t.pageSize() != 4096) {
            String tag = "@page-size:" + ByteSize.format(t.pageSize());
            if (!info.tags().contains(tag)) {
                throw new AuthoringError(
                        pageSizeStep,
                        "a scenario with " + ByteSize.format(t.pageSize())
                                + " pages runs only on arm64 or ppc64: tag it " + tag
                                + " so emitters can skip it on x86-64");
            }
        }
        MountResult m = MountRules.mount(t, Kernel.CORRECT);
        boolean onlyMount = actions.isEmpty() && pending.stream().allMatch(Pending::aboutMount);
        if (!m.mounted() && !onlyMount) {
            throw new AuthoringError(
                    targetStep,
                    "the oracle cannot mount " + t + ": the kernel refuses it ("
                            + String.join(
                                    " | ",
                                    m.kernelLog().stream()
                                            .filter(l -> !l.isEmpty())
                                            .toList())
                            + "); a scenario about that says 'Then the mount is refused' and nothing that needs the mount");
        }
        ProcessPlanner.Plan plan = ProcessPlanner.plan(t, actions);
        List<Expectation> expectations = new ArrayList<>();
        for (Pending p : pending) {
            expectations.add(p.make().apply(p.step(), plan.placed()));
        }
        return new CompiledScenario(
                info.id(),
                info.file(),
                info.feature(),
                info.uri(),
                info.line(),
                info.name(),
                info.tags(),
                info.title(),
                info.about(),
                info.steps(),
                plan.program(),
                expectations,
                plan.sources());
    }
}

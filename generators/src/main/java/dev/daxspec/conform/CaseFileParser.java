package dev.daxspec.conform;

import dev.daxspec.files.Utf8;
import dev.daxspec.oracle.geometry.ByteSize;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.BadCommand;
import dev.daxspec.oracle.xfsio.CommandParser;
import dev.daxspec.oracle.xfsio.Invocation;
import dev.daxspec.oracle.xfsio.XfsIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code .case} files. The format, one case after another:
 *
 * <pre>
 * # comment
 * case pwrite-unaligned
 * about: B1: a write at a non-page-aligned offset lands there @seed:004
 * target: ext4 pmem dax=always block=4096
 * target: xfs pmem dax=always block=4096 size=512MiB
 * xfs_io -f -c "pwrite -S 0x61 100 1000" -c "pread -v 96 16" f
 * </pre>
 *
 * A case with several {@code target:} lines becomes one case per target, named
 * {@code NAME@fs-device-options-block}. Target words: a filesystem (ext4, xfs, ext2), a
 * device (pmem, brd), mount options (dax, dax=always, dax=never, dax=inode, defaults),
 * {@code block=N}, {@code size=SIZE} (default 512MiB). Steps are {@code xfs_io} command
 * lines on a file in the scratch filesystem's root (or {@code daxspec-probe} lines, for
 * private mappings; {@code trace xfs_io ...} also counts
 * the fs_dax tracepoints its faults fire), {@code fill N}, which leaves N blocks free
 * (see {@link FillStep}), {@code crash} (see {@link CrashStep}) and {@code remount}.
 *
 * <p>Tolerant: it reads every file to the end and collects each problem with its file
 * and line, so one run reports them all. Not thread-safe.
 */
public final class CaseFileParser {

    private final List<ConformanceCase> cases = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public List<ConformanceCase> cases() {
        return List.copyOf(cases);
    }

    /** Problems as {@code file:line: message}, in the order found. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Parses the cases of {@code file}; its problems, a file that is not UTF-8 among them,
     * are added to {@link #problems()}.
     *
     * @throws IOException when the file cannot be read
     */
    public void parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Optional<Utf8.BadByte> bad = Utf8.firstBadByte(bytes);
        if (bad.isPresent()) {
            problem(file, bad.get().line(), bad.get().message() + "; case files are UTF-8");
            return;
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        Pending p = null;
        boolean reportedNoCase = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int no = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("case ")) {
                finish(p);
                p = new Pending(file, no, line.substring(5).strip());
                if (!p.name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                    problem(file, no, "case name '" + p.name + "' must be letters, digits, '.', '_' or '-'");
                }
                continue;
            }
            if (p == null) {
                // once per file: the lines before the first case (all of them, in a file that is
                // not a case file) are one mistake
                if (!reportedNoCase) {
                    problem(file, no, "expected 'case NAME' before this line");
                }
                reportedNoCase = true;
                continue;
            }
            if (line.startsWith("about:")) {
                p.about = line.substring(6).strip();
            } else if (line.startsWith("target:")) {
                try {
                    p.targets.add(target(line.substring(7).strip()));
                } catch (IllegalArgumentException e) {
                    problem(file, no, e.getMessage());
                }
            } else if (line.startsWith("xfs_io")
                    || line.startsWith("daxspec-probe")
                    || line.startsWith("fill ")
                    || line.startsWith("trace ")
                    || line.equals("crash")
                    || line.equals("remount")) {
                p.steps.add(new RawStep(no, line));
            } else {
                problem(
                        file,
                        no,
                        "unknown line (expected about:, target:, xfs_io, daxspec-probe, trace, fill, crash, remount or a new case): "
                                + line);
            }
        }
        finish(p);
    }

    private void finish(Pending p) {
        if (p == null) {
            return;
        }
        if (p.targets.isEmpty()) {
            problem(p.file, p.line, "case " + p.name + " has no target: line");
            return;
        }
        if (p.about.isEmpty()) {
            problem(p.file, p.line, "case " + p.name + " has no about: line saying what it checks");
        }
        for (Target t : p.targets) {
            List<Step> steps = new ArrayList<>();
            CommandParser parser = XfsIo.parserFor(t);
            boolean ok = true;
            for (RawStep raw : p.steps) {
                try {
                    steps.add(step(raw.text, parser));
                } catch (IllegalArgumentException e) {
                    problem(p.file, raw.line, e.getMessage());
                    ok = false;
                }
            }
            if (!ok) {
                return;
            }
            String name = p.targets.size() == 1 ? p.name : p.name + "@" + label(t);
            if (cases.stream().anyMatch(c -> c.name().equals(name))) {
                problem(p.file, p.line, "case " + name + " is defined twice");
                continue;
            }
            cases.add(new ConformanceCase(name, p.file, p.line, p.about, new Program(t, steps)));
        }
    }

    /** {@code ext4-pmem-dax=always-4096}. */
    static String label(Target t) {
        String opts = t.mount().spelled().isEmpty() ? "defaults" : t.mount().spelled();
        return t.fs() + "-" + t.device().kind() + "-" + opts + "-" + t.blockSize();
    }

    static Target target(String spec) {
        Target.Builder b = Target.builder();
        boolean fs = false;
        boolean dev = false;
        boolean mount = false;
        for (String w : spec.split("\\s+")) {
            if (w.startsWith("block=")) {
                b.blockSize((int) ByteSize.parse(w.substring(6)));
            } else if (w.startsWith("size=")) {
                b.deviceSize(ByteSize.parse(w.substring(5)));
            } else if (w.startsWith("page=")) {
                throw new IllegalArgumentException("conformance cases run on x86-64: no page= (page size is 4096)");
            } else if (w.equals("dax") || w.startsWith("dax=") || w.equals("defaults")) {
                b.mount(w);
                mount = true;
            } else if (w.equals("pmem") || w.equals("brd")) {
                b.device(DeviceKind.parse(w));
                dev = true;
            } else {
                b.fs(Filesystem.parse(w));
                fs = true;
            }
        }
        if (!fs || !dev || !mount) {
            throw new IllegalArgumentException("target '" + spec + "' needs a filesystem, a device and mount options"
                    + " (e.g. 'ext4 pmem dax=always')");
        }
        return b.build();
    }

    /** One step line: {@code fill N}, {@code xfs_io ...} or {@code trace xfs_io ...}. */
    static Step step(String line, CommandParser parser) {
        if (line.equals("crash")) {
            return new CrashStep();
        }
        if (line.equals("remount")) {
            return new RemountStep();
        }
        if (line.startsWith("fill ")) {
            return fill(line);
        }
        if (line.startsWith("trace ")) {
            return new XfsIoStep(invocation(line.substring(6).strip(), parser), true);
        }
        return new XfsIoStep(invocation(line, parser));
    }

    /** {@code fill N}: leave N blocks free. */
    static FillStep fill(String line) {
        String n = line.substring(5).strip();
        if (!n.matches("[0-9]+")) {
            throw new IllegalArgumentException("fill takes a number of blocks to leave free, not '" + n + "'");
        }
        return new FillStep(Long.parseLong(n));
    }

    static Invocation invocation(String line, CommandParser parser) {
        List<String> w = Words.split(line);
        boolean probe = w.get(0).equals("daxspec-probe");
        if (!probe && !w.get(0).equals("xfs_io")) {
            throw new BadCommand("expected xfs_io or daxspec-probe, not '" + w.get(0) + "'");
        }
        boolean create = false;
        boolean readOnly = false;
        List<Op> ops = new ArrayList<>();
        int i = 1;
        for (; i < w.size() && w.get(i).startsWith("-"); i++) {
            switch (w.get(i)) {
                case "-f" -> create = true;
                case "-r" -> readOnly = true;
                case "-c" -> {
                    if (++i == w.size()) {
                        throw new BadCommand("xfs_io: -c needs a command");
                    }
                    ops.add(parser.parse(w.get(i)));
                }
                default -> throw new BadCommand("xfs_io: option " + w.get(i) + " is not modelled (use -f, -r, -c)");
            }
        }
        if (i != w.size() - 1) {
            throw new BadCommand("xfs_io: expects exactly one file after its options");
        }
        if (ops.isEmpty()) {
            throw new BadCommand("xfs_io: no -c command");
        }
        return new Invocation(probe, create, readOnly, w.get(i), ops);
    }

    private void problem(Path file, int line, String message) {
        problems.add(file + ":" + line + ": " + message);
    }

    private record RawStep(int line, String text) {}

    private static final class Pending {
        final Path file;
        final int line;
        final String name;
        String about = "";
        final List<Target> targets = new ArrayList<>();
        final List<RawStep> steps = new ArrayList<>();

        Pending(Path file, int line, String name) {
            this.file = file;
            this.line = line;
            this.name = name;
        }
    }
}

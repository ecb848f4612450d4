package dev.daxspec.spec;

import dev.daxspec.oracle.fs.Errno;
import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fiemap;
import dev.daxspec.oracle.ops.Fpunch;
import dev.daxspec.oracle.ops.Fzero;
import dev.daxspec.oracle.ops.Mmap;
import dev.daxspec.oracle.ops.Mread;
import dev.daxspec.oracle.ops.Munmap;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import dev.daxspec.oracle.ops.Stat;
import dev.daxspec.oracle.ops.Statx;
import dev.daxspec.oracle.ops.Truncate;
import dev.daxspec.oracle.xfsio.XfsIo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits what one xfs_io run printed into each command's output, reading it in command
 * order with each command's grammar (xfsprogs' io/*.c). stderr is unbuffered and stdout
 * is not, so perror() lines can come before stdout printed earlier: they are taken out
 * first and given back to the commands that printed them where that is certain (a pwrite
 * that reported nothing; the only command of its kind in the run). Output of a process
 * killed by a signal stops where its last full stdout buffer did: the commands after that
 * are absent.
 *
 * <p>Stateless.
 */
final class XfsIoOutput {

    private static final String ERRNOS =
            Arrays.stream(Errno.values()).map(e -> Pattern.quote(e.message())).collect(Collectors.joining("|"));
    private static final Pattern ERROR = Pattern.compile(
            "^(pwrite|pread|ftruncate|fallocate|mmap|msync|munmap|mread|mwrite|fsync|fdatasync|sync|seek|stat|statx"
                    + "|fiemap): (?:" + ERRNOS + ")$");
    private static final Pattern OPEN_FAILED = Pattern.compile("^SCRATCH_MNT/\\S+: (?:" + ERRNOS + ")$");
    private static final String NO_MAPPING = "no mapped regions, try 'help mmap'";
    private static final Pattern WROTE = Pattern.compile("^wrote (\\d+)/(\\d+) bytes at offset (\\d+)$");
    private static final Pattern READ = Pattern.compile("^read (\\d+)/(\\d+) bytes at offset (\\d+)$");
    private static final Pattern FIEMAP_ROW = Pattern.compile("^\\d+: \\[\\d+\\.\\.\\d+\\]: (?:data|unwritten|hole)$");
    private static final Pattern SEEK_ROW = Pattern.compile("^(?:DATA|HOLE)\\t.*$");
    private static final Pattern STAT_FIELD = Pattern.compile("^(?:fd|stat|fsxattr|dioattr)\\.\\S+(?: =|:) .*$");
    private static final Pattern MAP_LIST = Pattern.compile("^[\\[ ]\\d{3}[\\] ] ADDR - ADDR .*$");
    /** check_mapping_range()'s complaints, printed on stdout. */
    private static final Pattern RANGE_COMPLAINT = Pattern.compile(
            "^(?:offset \\(\\d+\\) is (?:before start|beyond end) of mapping .*|range \\(.*\\) is beyond mapping .*"
                    + "|offset address \\(ADDR\\) is not page aligned)$");

    private static final String TIMING = XfsIo.TIMING.strip();

    private XfsIoOutput() {}

    /**
     * Each command's output.
     *
     * @param ops the run's commands, in order
     * @param lines what the run printed, without the transcript's {@code exit} and {@code trace:} lines
     * @param pageSize PAGE_SIZE, which decides how mread chunks its dump
     */
    static List<OpOutput> parse(List<Op> ops, List<String> lines, int pageSize) {
        List<OpOutput> out = new ArrayList<>();
        if (lines.stream().anyMatch(l -> OPEN_FAILED.matcher(l).matches())) {
            ops.forEach(o -> out.add(OpOutput.ABSENT));
            return out;
        }
        Deque<String> errors = new ArrayDeque<>();
        List<String> stdout = new ArrayList<>();
        for (String l : lines) {
            if (ERROR.matcher(l).matches() || l.equals(NO_MAPPING)) {
                errors.add(l);
            } else {
                stdout.add(l);
            }
        }
        Cursor c = new Cursor(stdout);
        for (Op op : ops) {
            out.add(parseOne(op, c, pageSize));
        }
        assignErrors(ops, out, errors);
        return out;
    }

    /** A read position in the stdout lines. */
    private static final class Cursor {
        final List<String> lines;
        int pos;

        Cursor(List<String> lines) {
            this.lines = lines;
        }

        String peek() {
            return pos < lines.size() ? lines.get(pos) : null;
        }

        boolean peekMatches(Pattern p) {
            String l = peek();
            return l != null && p.matcher(l).matches();
        }
    }

    private static OpOutput parseOne(Op op, Cursor c, int pageSize) {
        int start = c.pos;
        if (op instanceof Pwrite) {
            if (c.peekMatches(WROTE) && timingFollows(c)) {
                c.pos += 2;
                return present(c, start);
            }
            return OpOutput.ABSENT;
        }
        if (op instanceof Pread p) {
            int at = c.pos;
            if (p.verbose()) {
                while (at < c.lines.size() && HexDump.isDumpLine(c.lines.get(at))) {
                    at++;
                }
            }
            if (at < c.lines.size()
                    && READ.matcher(c.lines.get(at)).matches()
                    && at + 1 < c.lines.size()
                    && c.lines.get(at + 1).equals(TIMING)) {
                c.pos = at + 2;
                return present(c, start);
            }
            return OpOutput.ABSENT;
        }
        if (op instanceof Mread m) {
            if (!m.verbose() && !m.fileOffsets()) {
                return new OpOutput(true, List.of(), Optional.empty());
            }
            long want = m.length().orElse(-1);
            if (want < 0) {
                // The whole mapping: how much that is depends on the mapping; read the dump as far as it goes.
                while (c.peek() != null && HexDump.isDumpLine(c.peek())) {
                    c.pos++;
                }
                return present(c, start);
            }
            // mread_f() never dumps a first chunk of one byte, nor anything after it.
            long dumped = want % pageSize == 1 ? 0 : want;
            long got = 0;
            while (got < dumped && c.peek() != null && HexDump.isDumpLine(c.peek())) {
                got += HexDump.bytesIn(c.peek());
                c.pos++;
            }
            return got == dumped ? present(c, start) : absentAt(c, start);
        }
        if (op instanceof Stat || op instanceof Statx) {
            String first = op instanceof Stat ? "fd.path = " : "stat.mask = ";
            if (c.peek() == null || !c.peek().startsWith(first)) {
                return OpOutput.ABSENT;
            }
            c.pos++;
            while (c.peekMatches(STAT_FIELD)
                    && !c.peek().startsWith("fd.path = ")
                    && !c.peek().startsWith("stat.mask = ")) {
                c.pos++;
            }
            return present(c, start);
        }
        if (op instanceof Fiemap) {
            while (c.peekMatches(FIEMAP_ROW)) {
                c.pos++;
            }
            return present(c, start);
        }
        if (op instanceof Seek) {
            String l = c.peek();
            if (l == null || !l.startsWith("Whence\t")) {
                return OpOutput.ABSENT;
            }
            c.pos++;
            while (c.peekMatches(SEEK_ROW)) {
                c.pos++;
            }
            return present(c, start);
        }
        if (op instanceof Munmap) {
            while (c.peekMatches(MAP_LIST)) {
                c.pos++;
            }
            return present(c, start);
        }
        // truncate, falloc, fpunch, fzero, fsync, fdatasync, sync, mmap, mwrite, msync: stdout only for
        // complaints about the range.
        while (c.peekMatches(RANGE_COMPLAINT)) {
            c.pos++;
        }
        return present(c, start);
    }

    private static boolean timingFollows(Cursor c) {
        return c.pos + 1 < c.lines.size() && c.lines.get(c.pos + 1).equals(TIMING);
    }

    private static OpOutput present(Cursor c, int start) {
        return new OpOutput(true, c.lines.subList(start, c.pos), Optional.empty());
    }

    private static OpOutput absentAt(Cursor c, int start) {
        c.pos = start;
        return OpOutput.ABSENT;
    }

    /** The perror() prefix a command prints, or null for commands whose errors the model never prints. */
    private static String errorPrefix(Op op) {
        if (op instanceof Pwrite) {
            return "pwrite";
        }
        if (op instanceof Truncate) {
            return "ftruncate";
        }
        if (op instanceof Falloc || op instanceof Fpunch || op instanceof Fzero) {
            return "fallocate";
        }
        if (op instanceof Mmap) {
            return "mmap";
        }
        return null;
    }

    /**
     * Gives perror() lines back to their commands: a pwrite without its report line failed,
     * and stderr keeps the order of the failures; any other command gets the error of its
     * kind when it is the only command of that kind in the run.
     */
    private static void assignErrors(List<Op> ops, List<OpOutput> out, Deque<String> errors) {
        List<String> pwriteErrors = new ArrayList<>(
                errors.stream().filter(e -> e.startsWith("pwrite: ")).toList());
        for (int i = 0; i < ops.size(); i++) {
            String prefix = errorPrefix(ops.get(i));
            if (prefix == null) {
                continue;
            }
            Optional<String> error;
            if (prefix.equals("pwrite")) {
                if (out.get(i).present() || pwriteErrors.isEmpty()) {
                    continue;
                }
                error = Optional.of(pwriteErrors.remove(0));
            } else {
                long same =
                        ops.stream().filter(o -> prefix.equals(errorPrefix(o))).count();
                List<String> mine =
                        errors.stream().filter(e -> e.startsWith(prefix + ": ")).toList();
                if (same != 1 || mine.size() != 1) {
                    continue;
                }
                error = Optional.of(mine.get(0));
            }
            OpOutput o = out.get(i);
            out.set(i, new OpOutput(true, o.lines(), error));
        }
    }
}

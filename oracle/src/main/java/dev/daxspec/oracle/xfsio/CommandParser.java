package dev.daxspec.oracle.xfsio;

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
import dev.daxspec.oracle.ops.Sync;
import dev.daxspec.oracle.ops.Truncate;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the text of one {@code xfs_io -c} command into an {@link Op}, accepting what
 * xfs_io accepts for the options the oracle models: numbers in cvtnum() syntax, GNU
 * getopt option handling. What xfs_io itself would refuse (a bad number, a missing
 * operand) and what the oracle does not model are {@link BadCommand}s with one line
 * saying which.
 *
 * <p>Immutable and thread-safe.
 */
public final class CommandParser {

    /** The commands the oracle models, for messages. */
    public static final List<String> COMMANDS = List.of(
            "pwrite",
            "pread",
            "truncate",
            "falloc",
            "fpunch",
            "fzero",
            "fsync",
            "fdatasync",
            "sync",
            "seek",
            "stat",
            "statx",
            "fiemap",
            "mmap",
            "mread",
            "mwrite",
            "msync",
            "munmap");

    private final long blockSize;
    private final long sectorSize;

    /**
     * @param blockSize what the {@code b} unit means for the file (see {@link Cvtnum})
     * @param sectorSize what the {@code s} unit means
     */
    public CommandParser(long blockSize, long sectorSize) {
        this.blockSize = blockSize;
        this.sectorSize = sectorSize;
    }

    public Op parse(String command) {
        List<String> words = Arrays.asList(command.trim().split("\\s+"));
        if (words.isEmpty() || words.get(0).isEmpty()) {
            throw new BadCommand("empty xfs_io command");
        }
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        return switch (name) {
            case "pwrite", "w" -> pwrite(args);
            case "pread", "r" -> pread(args);
            case "truncate", "t" ->
                new Truncate(number("truncate", "size", one("truncate", new Getopt("truncate", args, ""))));
            case "falloc" -> {
                Getopt o = new Getopt("falloc", args, "k");
                List<String> ol = two("falloc", o);
                yield new Falloc(o.has('k'), number("falloc", "offset", ol.get(0)), length("falloc", ol.get(1)));
            }
            case "fpunch" -> {
                List<String> ol = two("fpunch", new Getopt("fpunch", args, ""));
                yield new Fpunch(number("fpunch", "offset", ol.get(0)), length("fpunch", ol.get(1)));
            }
            case "fzero" -> {
                Getopt o = new Getopt("fzero", args, "k");
                List<String> ol = two("fzero", o);
                yield new Fzero(o.has('k'), number("fzero", "offset", ol.get(0)), length("fzero", ol.get(1)));
            }
            case "fsync", "s" -> {
                none("fsync", new Getopt("fsync", args, ""));
                yield new Fsync();
            }
            case "fdatasync", "ds" -> {
                none("fdatasync", new Getopt("fdatasync", args, ""));
                yield new Fdatasync();
            }
            case "seek" -> seek(args);
            case "stat" -> {
                none("stat", new Getopt("stat", args, ""));
                yield new Stat();
            }
            case "statx" -> {
                Getopt o = new Getopt("statx", args, "r");
                none("statx", o);
                yield new Statx(o.has('r'));
            }
            case "fiemap" -> {
                Getopt o = new Getopt("fiemap", args, "v");
                none("fiemap", o);
                yield new Fiemap(o.has('v'));
            }
            case "sync" -> {
                none("sync", new Getopt("sync", args, ""));
                yield new Sync();
            }
            case "mmap", "mm" -> mmap(args);
            case "mread", "mr" -> {
                Getopt o = new Getopt("mread", args, "fv");
                OptionalLong[] r = optionalRange("mread", o);
                yield new Mread(o.has('v'), o.has('f'), r[0], r[1]);
            }
            case "mwrite", "mw" -> {
                Getopt o = new Getopt("mwrite", args, "S:");
                long seed = Mwrite.DEFAULT_SEED;
                if (o.has('S')) {
                    int[] end = new int[1];
                    seed = Cvtnum.strtoll(o.options.get('S'), end);
                    if (end[0] == 0) {
                        throw new BadCommand("mwrite: non-numeric seed -- " + o.options.get('S'));
                    }
                }
                OptionalLong[] r = optionalRange("mwrite", o);
                yield new Mwrite(seed, r[0], r[1]);
            }
            case "msync", "ms" -> {
                Getopt o = new Getopt("msync", args, "ais");
                OptionalLong[] r = optionalRange("msync", o);
                yield new Msync(o.has('a'), o.has('i'), o.has('s'), r[0], r[1]);
            }
            case "munmap", "mu" -> {
                none("munmap", new Getopt("munmap", args, ""));
                yield new Munmap();
            }
            default ->
                throw new BadCommand("unknown xfs_io command '" + name + "' (the oracle models: "
                        + String.join(", ", COMMANDS) + ")");
        };
    }

    private Op pwrite(List<String> args) {
        Getopt o = new Getopt("pwrite", args, "S:b:");
        List<String> ol = two("pwrite", o);
        long seed = Pwrite.DEFAULT_SEED;
        if (o.has('S')) {
            String s = o.options.get('S');
            int[] end = new int[1];
            // strtoul(optarg, &sp, 0): any leading number will do, as in xfs_io.
            seed = Cvtnum.strtoll(s, end);
            if (end[0] == 0) {
                throw new BadCommand("pwrite: non-numeric seed -- " + s);
            }
        }
        long offset = number("pwrite", "offset", ol.get(0));
        long length = length("pwrite", ol.get(1));
        checkEnd("pwrite", offset, length);
        return new Pwrite(offset, length, seed, bufferSize("pwrite", o));
    }

    private Op pread(List<String> args) {
        Getopt o = new Getopt("pread", args, "vb:");
        List<String> ol = two("pread", o);
        long offset = number("pread", "offset", ol.get(0));
        long length = length("pread", ol.get(1));
        checkEnd("pread", offset, length);
        return new Pread(offset, length, o.has('v'), bufferSize("pread", o));
    }

    private Op seek(List<String> args) {
        Getopt o = new Getopt("seek", args, "adhrs");
        boolean data = o.has('a') || o.has('d');
        boolean hole = o.has('a') || o.has('h');
        if (!data && !hole) {
            throw new BadCommand("seek: needs -a, -d or -h (usage: seek -a | -d | -h [-r] off)");
        }
        return new Seek(data, hole, o.has('r'), o.has('s'), number("seek", "offset", one("seek", o)));
    }

    private Op mmap(List<String> args) {
        Getopt o = new Getopt("mmap", args, "rwxSp");
        List<String> ol = two("mmap", o);
        if (o.has('S') && o.has('p')) {
            throw new BadCommand("mmap: -S (MAP_SYNC) and -p (MAP_PRIVATE) exclude each other");
        }
        return new Mmap(
                o.has('r'),
                o.has('w'),
                o.has('x'),
                o.has('S'),
                o.has('p'),
                number("mmap", "offset", ol.get(0)),
                length("mmap", ol.get(1)));
    }

    /** An optional {@code off len} pair: both or neither, as mread, mwrite and msync take. */
    private OptionalLong[] optionalRange(String cmd, Getopt o) {
        if (o.operands.isEmpty()) {
            return new OptionalLong[] {OptionalLong.empty(), OptionalLong.empty()};
        }
        List<String> ol = two(cmd, o);
        return new OptionalLong[] {
            OptionalLong.of(number(cmd, "offset", ol.get(0))), OptionalLong.of(length(cmd, ol.get(1)))
        };
    }

    private OptionalLong bufferSize(String cmd, Getopt o) {
        if (!o.has('b')) {
            return OptionalLong.empty();
        }
        long b = Cvtnum.parse(o.options.get('b'), blockSize, sectorSize);
        if (b <= 0) {
            throw new BadCommand(cmd + ": non-numeric bsize -- " + o.options.get('b'));
        }
        return OptionalLong.of(b);
    }

    private long number(String cmd, String what, String text) {
        long v = Cvtnum.parse(text, blockSize, sectorSize);
        if (v < 0) {
            throw new BadCommand(cmd + ": non-numeric " + what + " argument -- " + text);
        }
        return v;
    }

    private long length(String cmd, String text) {
        return number(cmd, "length", text);
    }

    private static void checkEnd(String cmd, long offset, long length) {
        if (offset + length < 0) {
            throw new BadCommand(cmd + ": offset out of range: " + offset + " + " + length
                    + " passes the largest file offset (2^63 - 1)");
        }
    }

    private static String one(String cmd, Getopt o) {
        if (o.operands.size() != 1) {
            throw new BadCommand(cmd + ": expects one operand, got " + o.operands.size());
        }
        return o.operands.get(0);
    }

    private static List<String> two(String cmd, Getopt o) {
        if (o.operands.size() != 2) {
            throw new BadCommand(cmd + ": expects an offset and a length, got " + o.operands.size() + " operands");
        }
        return o.operands;
    }

    private static void none(String cmd, Getopt o) {
        if (!o.operands.isEmpty()) {
            throw new BadCommand(cmd + ": takes no operands in the model, got " + String.join(" ", o.operands));
        }
    }
}

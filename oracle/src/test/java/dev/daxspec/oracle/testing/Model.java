package dev.daxspec.oracle.testing;

import dev.daxspec.oracle.Scratch;
import dev.daxspec.oracle.fs.Capacity;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.fs.Inode;
import dev.daxspec.oracle.fs.MountRules;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.CommandParser;
import dev.daxspec.oracle.xfsio.Invocation;
import dev.daxspec.oracle.xfsio.XfsIo;
import dev.daxspec.oracle.xfsio.XfsIoResult;
import java.util.ArrayList;
import java.util.List;

/** A mounted model filesystem driven with xfs_io command text, for tests. */
public final class Model {

    public final Target target;
    public final FileSystem fs;
    private final CommandParser parser;

    public Model(Target target) {
        this(target, Kernel.CORRECT);
    }

    public Model(Target target, Kernel kernel) {
        this.target = target;
        this.fs = Scratch.make(target, kernel).fs().orElseThrow(() -> new AssertionError(target + " does not mount"));
        this.parser = XfsIo.parserFor(target);
    }

    /** A model whose filesystem has exactly {@code freeBlocks} blocks for files. */
    public Model(Target target, Kernel kernel, long freeBlocks) {
        this.target = target;
        this.fs =
                new FileSystem(target, kernel, MountRules.mount(target, kernel).policy(), Capacity.exactly(freeBlocks));
        this.parser = XfsIo.parserFor(target);
    }

    private Model(Target target, FileSystem fs) {
        this.target = target;
        this.fs = fs;
        this.parser = XfsIo.parserFor(target);
    }

    /** The same filesystem after an umount and a mount ({@link FileSystem#remount()}). */
    public Model remount() {
        return new Model(target, fs.remount());
    }

    /** {@code xfs_io -f -c CMD... file}. */
    public XfsIoResult xfsIo(String file, String... commands) {
        List<Op> ops = new ArrayList<>();
        for (String c : commands) {
            ops.add(parser.parse(c));
        }
        return XfsIo.run(fs, new Invocation(true, false, file, ops));
    }

    /** {@code daxspec-probe -c CMD... file}: the mapping commands, private mappings too. */
    public XfsIoResult probe(String file, String... commands) {
        List<Op> ops = new ArrayList<>();
        for (String c : commands) {
            ops.add(parser.parse(c));
        }
        return XfsIo.run(fs, new Invocation(true, false, false, file, ops));
    }

    /** The output of {@code xfs_io -f -c CMD... file}, for commands expected to succeed. */
    public String out(String file, String... commands) {
        return xfsIo(file, commands).output();
    }

    public Inode inode(String file) {
        return fs.lookup(file).orElseThrow();
    }

    /** What read(2) would return for {@code [pos, pos + len)}, clipped at EOF. */
    public byte[] read(String file, long pos, int len) {
        Inode ip = inode(file);
        long n = fs.read(ip, pos, len).value();
        return ip.data().read(pos, (int) n);
    }
}

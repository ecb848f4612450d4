package dev.daxspec.emit;

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
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What a test needs of the machine it runs on, as both formats check it before the test
 * runs (so that a machine that cannot run it reports "not run", never a failure).
 *
 * @param pageSize the page size the expected output is for; always required, since only
 *     the target's geometry was predicted
 * @param device what the device must be
 * @param xfsIo the xfs_io commands (and flags) the program uses beyond the basic ones
 */
record Requirements(int pageSize, DeviceNeed device, SortedSet<XfsIoCommand> xfsIo) {

    /** What a test needs of the scratch device. */
    enum DeviceNeed {
        /** The expected output is the same on a device with DAX and on one without. */
        ANY,
        /** A device with DAX (pmem). */
        DAX,
        /** A device without DAX (brd, or any disk). */
        NO_DAX
    }

    /**
     * An xfs_io command and one of its flags ({@code ""} for the command alone).
     * Ordered by command, then flag.
     */
    record XfsIoCommand(String command, String flag) implements Comparable<XfsIoCommand> {
        @Override
        public int compareTo(XfsIoCommand o) {
            int c = command.compareTo(o.command);
            return c != 0 ? c : flag.compareTo(o.flag);
        }
    }

    /**
     * The requirements of {@code tc}. The device need is found with the oracle: a test
     * whose mount asks for DAX ({@code dax}, {@code dax=always}) needs a device like its
     * target's, since on the other kind it would test something else; any other test needs
     * one only when the oracle predicts a different output (seen through {@code view}, the
     * part of the transcript the format compares) on the other kind of device, as {@code
     * transcripts} has it.
     */
    static Requirements of(TestCase tc, UnaryOperator<String> view, CorrectTranscripts transcripts) {
        return new Requirements(
                tc.program().target().pageSize(), deviceNeed(tc, view, transcripts), xfsIoCommands(tc.program()));
    }

    private static DeviceNeed deviceNeed(TestCase tc, UnaryOperator<String> view, CorrectTranscripts transcripts) {
        Target t = tc.program().target();
        boolean dax = t.device().kind().supportsDax();
        DeviceNeed own = dax ? DeviceNeed.DAX : DeviceNeed.NO_DAX;
        if (tc.expected().size() != 1 || t.mount().dax().always()) {
            return own;
        }
        Target other;
        try {
            other = t.toBuilder().device(dax ? DeviceKind.BRD : DeviceKind.PMEM).build();
        } catch (IllegalArgumentException e) {
            return own;
        }
        Optional<List<String>> there =
                transcripts.of(new Program(other, tc.program().steps()));
        return there.isPresent()
                        && there.get().size() == 1
                        && view.apply(there.get().get(0))
                                .equals(view.apply(tc.expected().get(0)))
                ? DeviceNeed.ANY
                : own;
    }

    /** The commands a shell test checks for; the basic ones (pwrite, pread, ...) are left out. */
    static SortedSet<XfsIoCommand> xfsIoCommands(Program program) {
        SortedSet<XfsIoCommand> out = new TreeSet<>();
        for (Step step : program.steps()) {
            StepVisitor.visit(step, new StepVisitor<Void>() {
                @Override
                public Void xfsIo(XfsIoStep s) {
                    for (Op op : s.invocation().ops()) {
                        out.addAll(op.accept(COMMANDS));
                    }
                    return null;
                }

                @Override
                public Void fill(FillStep s) {
                    out.add(new XfsIoCommand("falloc", ""));
                    return null;
                }

                @Override
                public Void remount(RemountStep s) {
                    return null;
                }

                @Override
                public Void crash(CrashStep s) {
                    return null;
                }
            });
        }
        return out;
    }

    private static final Op.Visitor<List<XfsIoCommand>> COMMANDS = new Op.Visitor<>() {
        @Override
        public List<XfsIoCommand> pwrite(Pwrite op) {
            return List.of();
        }

        @Override
        public List<XfsIoCommand> pread(Pread op) {
            return List.of();
        }

        @Override
        public List<XfsIoCommand> truncate(Truncate op) {
            return List.of();
        }

        @Override
        public List<XfsIoCommand> falloc(Falloc op) {
            return with("falloc", op.keepSize() ? "-k" : "");
        }

        @Override
        public List<XfsIoCommand> fpunch(Fpunch op) {
            return with("fpunch", "");
        }

        @Override
        public List<XfsIoCommand> fzero(Fzero op) {
            return with("fzero", op.keepSize() ? "-k" : "");
        }

        @Override
        public List<XfsIoCommand> fsync(Fsync op) {
            return List.of();
        }

        @Override
        public List<XfsIoCommand> fdatasync(Fdatasync op) {
            return List.of();
        }

        @Override
        public List<XfsIoCommand> seek(Seek op) {
            List<XfsIoCommand> l = new ArrayList<>();
            l.add(new XfsIoCommand("seek", op.data() && op.hole() ? "-a" : op.data() ? "-d" : "-h"));
            if (op.repeat()) {
                l.add(new XfsIoCommand("seek", "-r"));
            }
            if (op.showStart()) {
                l.add(new XfsIoCommand("seek", "-s"));
            }
            l.add(new XfsIoCommand("seek", ""));
            return l;
        }

        @Override
        public List<XfsIoCommand> stat(Stat op) {
            return List.of();
        }

        @Override
        public List<XfsIoCommand> statx(Statx op) {
            return with("statx", op.raw() ? "-r" : "");
        }

        @Override
        public List<XfsIoCommand> fiemap(Fiemap op) {
            return with("fiemap", op.verbose() ? "-v" : "");
        }

        @Override
        public List<XfsIoCommand> sync(Sync op) {
            return with("sync", "");
        }

        @Override
        public List<XfsIoCommand> mmap(Mmap op) {
            // xfs_io's help spells MAP_SYNC's flag " -S -- ..."; -r/-w/-x are in every xfs_io.
            return with("mmap", op.sync() ? "-S" : "");
        }

        @Override
        public List<XfsIoCommand> mread(Mread op) {
            return with("mread", "");
        }

        @Override
        public List<XfsIoCommand> mwrite(Mwrite op) {
            return with("mwrite", "");
        }

        @Override
        public List<XfsIoCommand> msync(Msync op) {
            return with("msync", "");
        }

        @Override
        public List<XfsIoCommand> munmap(Munmap op) {
            return with("munmap", "");
        }

        /** The command alone, and with its flag when there is one. */
        private List<XfsIoCommand> with(String command, String flag) {
            return flag.isEmpty()
                    ? List.of(new XfsIoCommand(command, ""))
                    : List.of(new XfsIoCommand(command, ""), new XfsIoCommand(command, flag));
        }
    };
}

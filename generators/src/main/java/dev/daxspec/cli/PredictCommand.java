package dev.daxspec.cli;

import dev.daxspec.oracle.Scratch;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.fs.MountResult;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.target.DaxPolicy;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.CommandParser;
import dev.daxspec.oracle.xfsio.Invocation;
import dev.daxspec.oracle.xfsio.XfsIo;
import dev.daxspec.oracle.xfsio.XfsIoResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daxspec predict}: what xfs_io prints on a correct kernel. */
@Command(
        name = "predict",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Print what xfs_io would print on a correct kernel.",
            "",
            "Makes a fresh filesystem on the target in the model, mounts it, runs"
                    + " 'xfs_io [-f] [-r] -c CMD ... FILE' and prints the output as a test sees it"
                    + " through '2>&1 | _filter_xfs_io | _filter_scratch': stderr lines come before"
                    + " stdout still in xfs_io's buffer, timing lines are normalized, times and device"
                    + " numbers are X, fiemap tables are in _filter_fiemap form.",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec predict -f -c 'pwrite -S 0x61 100 1000' -c 'pread -v 96 16' f",
            "  daxspec predict --fs xfs --device brd -f -c 'falloc 0 1m' -c 'seek -a -r 0' f",
            "  daxspec predict --block-size 1024 --mount dax=always -f -c stat f  # exit 32",
            "  daxspec predict -f -c 'pwrite -S 0x61 0 1100' -c 'mmap -rw 0 8192' \\",
            "      -c 'mread -v 1096 8' f                 # the bytes past EOF read as zeros",
            "  daxspec predict -f -c 'truncate 4096' -c 'mmap -r 0 8192' \\",
            "      -c 'mread 4096 1' f                    # exit 135: SIGBUS past EOF",
            "",
            "Exit status: xfs_io's (0, 1 when a command failed, 135 for SIGBUS); 32 when"
                    + " the kernel refuses the mount (its log lines go to stderr, as mount(8) exits);"
                    + " 2 for bad input; 3 when the model cannot predict the output exactly.",
        })
final class PredictCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "-f", description = "Create FILE if it does not exist (xfs_io -f).")
    boolean create;

    @Option(names = "-r", description = "Open FILE read-only (xfs_io -r).")
    boolean readOnly;

    @Option(
            names = "-c",
            paramLabel = "CMD",
            required = true,
            description = "An xfs_io command; repeat for more. Modelled: "
                    + "pwrite [-S seed] [-b bsize], pread [-v] [-b bsize], truncate, falloc [-k], fpunch,"
                    + " fzero [-k], fsync, fdatasync, sync, seek -a|-d|-h [-r] [-s], stat, statx [-r], fiemap [-v];"
                    + " and through a mapping: mmap [-r] [-w] [-x] [-S (MAP_SYNC) | -p (MAP_PRIVATE)] offset length,"
                    + " mread [-f] [-v] [offset length], mwrite [-S seed] [offset length], msync [-a] [-i] [-s]"
                    + " [offset length], munmap.")
    List<String> commands = new ArrayList<>();

    @Option(
            names = "--kernel-variant",
            paramLabel = "ID",
            description = "Predict for a kernel with this historical bug instead of the correct one"
                    + " (e.g. xip-write-ignores-page-offset).")
    String variant;

    @Option(
            names = "--kernel-profile",
            paramLabel = "RELEASE[:LSM,...]",
            description = "Predict for this release and these active LSMs where correct kernels differ: with"
                    + " landlock or bpf active (e.g. 6.18.44:landlock,bpf) xfs files get an attribute fork."
                    + " Default: the harness's 6.1.")
    String kernelProfile;

    @Parameters(paramLabel = "FILE", description = "The file's name in the scratch filesystem, e.g. f.")
    String file;

    @Override
    public Integer call() {
        Target target = UserError.parsing(targetOptions::target);
        Kernel kernel = UserError.parsing(() -> variant == null ? Kernel.CORRECT : Kernel.with(Bug.parse(variant)));
        if (kernelProfile != null) {
            kernel = kernel.withProfile(UserError.parsing(() -> KernelProfile.parse(kernelProfile)));
        }
        CommandParser parser = XfsIo.parserFor(target);
        List<Op> ops = new ArrayList<>();
        for (String c : commands) {
            ops.add(UserError.parsing(() -> parser.parse(c)));
        }
        Invocation inv = new Invocation(create, readOnly, file, ops);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scratch scratch = Scratch.make(target, kernel);
        MountResult mount = scratch.mount();
        for (String line : mount.kernelLog()) {
            err.println("kernel: " + line);
        }
        if (!mount.mounted()) {
            err.println("mount: " + target.device().kernelName() + " refused: "
                    + mount.refusal().get().message() + " (" + target + ")");
            err.flush();
            return mount.mountExitStatus();
        }
        if (target.mount().dax().always() && mount.policy() != DaxPolicy.ALWAYS) {
            err.println("daxspec: " + target.fs() + " mounted with DAX turned off (" + target + ")");
        }
        FileSystem fs = scratch.fs().orElseThrow();
        XfsIoResult r = XfsIo.run(fs, inv);
        err.flush();
        out.print(r.output());
        out.flush();
        return r.exitStatus();
    }
}

package dev.daxspec.cli;

import dev.daxspec.explore.Backend;
import dev.daxspec.explore.Exploration;
import dev.daxspec.explore.KnownVariant;
import dev.daxspec.explore.Summary;
import dev.daxspec.oracle.explore.Exhaustive;
import dev.daxspec.oracle.geometry.ByteSize;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.run.VmException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daxspec explore}: generated programs on the oracle and on a kernel, every difference shrunk. */
@Command(
        name = "explore",
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = ExploreCommand.Merge.class,
        description = {
            "Run generated programs on the oracle and on a kernel; shrink every difference.",
            "",
            "Finds what no scenario anticipated."
                    + " Programs are seeded random xfs_io runs over the whole modelled vocabulary (writes,"
                    + " reads, truncate, fallocate, punch, zero, seek, fiemap, stat, shared and private"
                    + " mappings with loads and stores on both sides of EOF, remount, fill to ENOSPC, and"
                    + " in qemu crashes), with offsets aimed at block, page and PMD boundaries and at the"
                    + " file's i_size; or, with --exhaustive K, every program of at most K commands over"
                    + " an alphabet. A difference is run again (one that does not repeat is flaky), shrunk"
                    + " with the backend in the loop, deduplicated by its first differing command and kind,"
                    + " and matched against the known deviations. Each finding is OUT/findings/NNN/: the"
                    + " program as a conformance case, both transcripts, the diff, a draft scenario and a"
                    + " shell test. OUT/report.txt is a summary that pastes into a mail.",
            "",
            "Backends:",
            "  variant:ID  the oracle with a historical bug plays the kernel (no VM;",
            "              measures the explorer's power). IDs: the variants daxspec",
            "              check lists.",
            "  host        this machine's kernel, on a loop device over an image explore",
            "              makes in --image-dir and removes afterwards; page-cache",
            "              targets; needs root.",
            "  qemu        a kernel in the harness's VM (--kernel, --modules): pmem, DAX,",
            "              crashes.",
            "",
            "The same seed gives the same programs and the same report; --shard I/N runs every"
                    + " Nth program from the Ith, so N machines run disjoint parts and 'explore merge'"
                    + " combines them (see docs/explore.md for a CI matrix or kdevops job).",
        },
        footer = {
            "",
            "Examples:",
            "  daxspec explore --against variant:xip-write-ignores-page-offset \\",
            "      --programs 2000 --out /tmp/v",
            "  daxspec explore --against host --fs xfs --programs 5000 --out /tmp/x  # root",
            "  daxspec explore --against qemu --fs ext4 --device pmem --minutes 30",
            "  daxspec explore --against host --fs ext4 --exhaustive 2 \\",
            "      --alphabet pwrite,truncate,pread \\",
            "      --offsets 0,4095,4096,4097 --lengths 1,4096 --out /tmp/e",
            "  daxspec explore --against host --shard 2/4 --programs 20000 --out shard2",
            "  daxspec explore merge shard1 shard2 shard3 shard4 --out all",
            "",
            "Exit status: 0 when nothing new was found (known deviations and flaky differences"
                    + " are reported, not counted), 1 with a new finding, 2 for bad input.",
        })
final class ExploreCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VmKernelOptions kernelOptions;

    @Option(
            names = "--against",
            paramLabel = "BACKEND",
            defaultValue = "host",
            description = "variant:ID, host or qemu. Default: ${DEFAULT-VALUE}.")
    String against;

    @Option(
            names = "--fs",
            paramLabel = "FS",
            split = ",",
            description = "Filesystems to explore: ext4, xfs, ext2. Default: every one the backend runs"
                    + " (host: ext4 and xfs).")
    List<String> fs = new ArrayList<>();

    @Option(
            names = "--device",
            paramLabel = "DEV",
            split = ",",
            description = "pmem, brd. Default: both (host: brd, which a loop device stands for).")
    List<String> device = new ArrayList<>();

    @Option(
            names = "--mount",
            paramLabel = "OPTS",
            split = ";",
            description = "Mount options, several separated by ';'. Default: every DAX option the model knows"
                    + " (host: defaults).")
    List<String> mount = new ArrayList<>();

    @Option(
            names = "--block-size",
            paramLabel = "N",
            split = ",",
            description = "Block sizes. Default: 1024, 2048 and 4096 for variants; 4096 on a kernel.")
    List<String> blockSize = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--programs",
            paramLabel = "N",
            description = "Programs to run, over all shards. Default: 1000 unless --minutes is given.")
    Long programs;

    @Option(names = "--minutes", paramLabel = "M", description = "Run this shard for M minutes.")
    Double minutes;

    @Option(
            names = "--max-commands",
            paramLabel = "K",
            defaultValue = "12",
            description = "The most commands in a random program. Default: ${DEFAULT-VALUE}.")
    int maxCommands;

    @Option(
            names = "--exhaustive",
            paramLabel = "K",
            description = "Every program of at most K commands over --alphabet, at --offsets and --lengths.")
    Integer exhaustive;

    @Option(
            names = "--alphabet",
            paramLabel = "CMDS",
            split = ",",
            defaultValue = "pwrite,pread,truncate,fpunch,mmap,mread,mwrite,munmap",
            description = "With --exhaustive: the commands (" + "pwrite, pread, truncate, falloc, falloc-k, fpunch,"
                    + " fzero, fzero-k, seek, fsync, mmap, mread, mwrite, msync, munmap, remount, crash)."
                    + " Default: ${DEFAULT-VALUE}.")
    List<String> alphabet;

    @Option(
            names = "--offsets",
            paramLabel = "LIST",
            split = ",",
            defaultValue = "0,4095,4096,4097",
            description = "With --exhaustive: the boundary set. Default: ${DEFAULT-VALUE}.")
    List<String> offsets;

    @Option(
            names = "--lengths",
            paramLabel = "LIST",
            split = ",",
            defaultValue = "1,4096",
            description = "With --exhaustive: the lengths. Default: ${DEFAULT-VALUE}.")
    List<String> lengths;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            defaultValue = "1/1",
            description = "Run the Ith of N disjoint parts (1 <= I <= N). Default: ${DEFAULT-VALUE}.")
    String shard;

    @Option(
            names = "--shrink-budget",
            paramLabel = "N",
            defaultValue = "300",
            description = "The most candidate programs one shrink runs on the backend. Default: ${DEFAULT-VALUE}.")
    int shrinkBudget;

    @Option(
            names = "--alone",
            description = "Run every program on a filesystem of its own. By default the programs of a target that"
                    + " do not fill, remount, crash or count faults share one (one mkfs for a dozen), and what"
                    + " differs there runs again alone before it is judged.")
    boolean alone;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "explore-out",
            description = "Where findings/, report.txt and explore.json go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(
            names = "--image-dir",
            paramLabel = "DIR",
            description = "host: where the scratch image goes. Default: the system's temporary directory.")
    Path imageDir;

    @Option(
            names = "--known",
            paramLabel = "FILE",
            description = "Known deviations, as kernel releases on which a filesystem behaves like a variant."
                    + " Default: the bundled fixtures/explore/known-deviations.json.")
    Path known;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report here.")
    Path junit;

    @Option(
            names = "--kernel-profile",
            paramLabel = "RELEASE[:LSM,...]",
            description = "Where correct kernels differ by release and configuration, e.g."
                    + " 6.18.44:lockdown,capability,landlock,bpf. Default: host derives it from uname -r and"
                    + " /sys/kernel/security/lsm; qemu and variants use the harness's 6.1.")
    String kernelProfile;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] sh = shard(shard);
        if (programs != null && minutes != null) {
            throw new UserError("--programs and --minutes exclude each other");
        }
        if (programs != null && programs < 1) {
            throw new UserError("--programs " + programs + ": must be at least 1");
        }
        if (minutes != null && !(minutes > 0)) {
            throw new UserError("--minutes " + minutes + ": must be more than 0");
        }
        if (junit != null) {
            OutputFile.checkWritable("--junit", junit);
        }
        if (maxCommands < 1 || maxCommands > 64) {
            throw new UserError("--max-commands " + maxCommands + ": must be 1 to 64");
        }
        if (shrinkBudget < 0) {
            throw new UserError("--shrink-budget " + shrinkBudget + ": must not be negative");
        }
        if (Files.exists(this.out) && !Files.isDirectory(this.out)) {
            throw new UserError("--out " + this.out + ": exists and is not a directory");
        }
        if (Files.isDirectory(this.out) && !Files.exists(this.out.resolve("explore.json"))) {
            try (java.util.stream.Stream<Path> s = Files.list(this.out)) {
                if (s.findAny().isPresent()) {
                    throw new UserError("--out " + this.out + " is not empty and holds no earlier exploration;"
                            + " name a new directory");
                }
            }
        }
        if (exhaustive == null) {
            List<String> unused = Stream.of("--alphabet", "--offsets", "--lengths")
                    .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o))
                    .toList();
            if (!unused.isEmpty()) {
                throw new UserError(String.join(", ", unused) + ": only --exhaustive K uses "
                        + (unused.size() == 1 ? "it" : "them") + "; give --exhaustive or drop "
                        + (unused.size() == 1 ? "it" : "them"));
            }
        }
        boolean kernelSide = !against.startsWith("variant:");
        List<Target> targets = UserError.parsing(() -> targets(kernelSide));
        Optional<Exhaustive> enumeration = Optional.empty();
        if (exhaustive != null) {
            if (targets.size() != 1) {
                throw new UserError("--exhaustive runs on one target: give one --fs, --device, --mount and"
                        + " --block-size (" + targets.size() + " targets now)");
            }
            enumeration = Optional.of(Exhaustive.of(
                    targets.get(0),
                    alphabet,
                    numbers("--offsets", offsets),
                    numbers("--lengths", lengths),
                    exhaustive));
        }
        Path knownFile = known != null ? known : Home.bundled("fixtures/explore/known-deviations.json");
        if (known != null) {
            InputFile.checkReadable("--known", known, "a known-deviations JSON file");
        }
        List<KnownVariant> knownVariants;
        try {
            knownVariants = Files.exists(knownFile) ? KnownVariant.load(knownFile) : List.of();
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        long n = programs != null ? programs : minutes != null ? 0 : 1000;
        Exploration.Plan plan = new Exploration.Plan(
                targets,
                seed,
                maxCommands,
                enumeration,
                String.join(",", alphabet),
                n,
                minutes != null ? minutes : 0,
                sh[0],
                sh[1],
                shrinkBudget,
                alone,
                this.out,
                Optional.ofNullable(junit));
        Path images = imageDir != null ? imageDir : Path.of(System.getProperty("java.io.tmpdir"));
        try (Backend backend = open(images, err)) {
            err.println("explore: against " + backend.describe());
            err.flush();
            Summary s = Exploration.run(plan, backend, knownVariants, err);
            out.print(s.report());
            out.flush();
            return s.newFindings() > 0 ? 1 : 0;
        }
    }

    private Backend open(Path images, PrintWriter err) {
        try {
            KernelBuild kernel = against.equals("qemu") ? kernelOptions.kernel() : null;
            Optional<KernelProfile> profile =
                    UserError.parsing(() -> Optional.ofNullable(kernelProfile).map(KernelProfile::parse));
            // the factory of the --against option: its IllegalArgumentException names an unknown backend
            return UserError.parsing(() -> Exploration.backend(
                    against, images, kernel, profile, event -> BootProgress.tell(err, "explore", event)));
        } catch (VmException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The targets: the options' product, or the backend's defaults; those the model refuses left out. */
    private List<Target> targets(boolean kernelSide) {
        List<String> fss = !fs.isEmpty()
                ? fs
                : kernelSide && against.equals("host") ? List.of("ext4", "xfs") : List.of("ext4", "xfs", "ext2");
        List<String> devs =
                !device.isEmpty() ? device : against.equals("host") ? List.of("brd") : List.of("pmem", "brd");
        List<String> mounts = !mount.isEmpty()
                ? mount
                : against.equals("host")
                        ? List.of("defaults")
                        : kernelSide
                                ? List.of("dax=always", "defaults")
                                : List.of("dax=always", "dax", "dax=inode", "dax=never", "defaults");
        List<String> blocks =
                !blockSize.isEmpty() ? blockSize : kernelSide ? List.of("4096") : List.of("1024", "2048", "4096");
        if (against.equals("host") && devs.contains("pmem")) {
            throw new UserError("--against host runs on loop devices, which are brd targets to the model, not pmem"
                    + " (use --against qemu for pmem)");
        }
        List<Target> out = new ArrayList<>();
        for (String f : fss) {
            Filesystem filesystem = Filesystem.parse(f);
            for (String d : devs) {
                DeviceKind kind = DeviceKind.parse(d);
                for (String m : mounts) {
                    MountOptions options = MountOptions.parse(m);
                    for (String b : blocks) {
                        long bs = ByteSize.parse(b);
                        if (bs < 1024 || bs > 65536 || Long.bitCount(bs) != 1) {
                            throw new UserError("--block-size " + b + ": must be a power of two from 1024 to 65536");
                        }
                        out.add(Target.builder()
                                .fs(filesystem)
                                .device(kind)
                                .mount(options)
                                .blockSize((int) bs)
                                .build());
                    }
                }
            }
        }
        return out;
    }

    private static List<Long> numbers(String option, List<String> values) {
        List<Long> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(ByteSize.parse(v));
            } catch (IllegalArgumentException e) {
                throw new UserError(option + " " + v + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** {@code I/N} with 1 <= I <= N. */
    static int[] shard(String text) {
        String[] p = text.split("/", -1);
        try {
            if (p.length == 2) {
                int i = Integer.parseInt(p[0].strip());
                int n = Integer.parseInt(p[1].strip());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new int[] {i, n};
                }
                throw new UserError("--shard " + text + ": I must be from 1 to N (" + n + ")");
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--shard " + text + ": expected I/N, e.g. 2/4");
    }

    /** {@code daxspec explore merge}: one report of several shards' outputs. */
    @Command(
            name = "merge",
            sortOptions = false,
            usageHelpAutoWidth = true,
            description = {
                "Merge the outputs of several explorations (the shards of one): their counts add up,",
                "findings with the same signature become one, renumbered; report.txt as for one run.",
            },
            footer = {
                "",
                "Example:",
                "  daxspec explore merge shard1 shard2 --out all",
                "",
                "Exit status: 0 when nothing new was found, 1 with a new finding, 2 for bad input.",
            })
    static final class Merge implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Output directories of daxspec explore.")
        List<Path> inputs;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the merged output goes.")
        Path out;

        @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report here.")
        Path junit;

        @Override
        public Integer call() {
            for (Path in : inputs) {
                if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                    throw new UserError("--out " + out + " is one of the inputs");
                }
            }
            if (junit != null) {
                OutputFile.checkWritable("--junit", junit);
            }
            Summary s;
            try {
                s = Exploration.merge(inputs, out, Optional.ofNullable(junit));
            } catch (IOException e) {
                throw new UserError(e.getMessage());
            }
            spec.commandLine().getOut().print(s.report());
            spec.commandLine().getOut().flush();
            return s.newFindings() > 0 ? 1 : 0;
        }
    }
}

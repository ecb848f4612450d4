package dev.daxspec.explore;

import dev.daxspec.emit.ProgramScript;
import dev.daxspec.emit.SharedFilesystem;
import dev.daxspec.host.HostScratch;
import dev.daxspec.oracle.explore.Vocabulary;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.kernel.KernelProfile;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.xfsio.TranscriptFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * This machine's own kernel, on a loop device over an image file that the backend makes in
 * its own scratch directory and removes afterwards; it never touches any other device. The
 * programs are the scripts the emitters write ({@link ProgramScript}), run by bash as root,
 * so a program makes its filesystem with mkfs and mounts it as a test would. Loop devices
 * are page-cache devices: the programs' targets are brd targets, which the oracle models the
 * same way, and the kernel's name for the device ({@code loop3}) is spelled as the model's
 * ({@code ram0}) in the kernel's log lines.
 *
 * <p>daxspec-probe, for private mappings, is built with gcc from the bundled
 * {@code probe.c}; without gcc programs use shared mappings only.
 */
final class HostBackend implements Backend {

    /** A program that runs longer than this is killed and reported as trouble, not as a verdict. */
    private static final long TIMEOUT_SECONDS = 120;

    /** Programs per call: two filesystems' worth for a target in a {@link #screen}. */
    private static final int BATCH = 2 * SharedFilesystem.MOST;

    /** The image's size: larger than any target's filesystem, sparse, so it costs only what mkfs writes. */
    private static final long IMAGE_SIZE = 1L << 30;

    private final HostScratch scratch;
    private final Path dir;
    private final Path mnt;
    private final Path bin;
    private final String loop;
    private final boolean probe;
    private final Kernel reference;

    private HostBackend(HostScratch scratch, boolean probe, KernelProfile profile) {
        this.reference = Kernel.CORRECT.withProfile(profile);
        this.scratch = scratch;
        this.dir = scratch.dir();
        this.mnt = scratch.mnt();
        this.bin = dir.resolve("bin");
        this.loop = scratch.loop();
        this.probe = probe;
    }

    /**
     * Makes the scratch directory under {@code parent}, its image and loop device.
     *
     * @throws HostUnavailable with one line saying what is missing: root, a tool, a writable directory
     */
    static HostBackend open(Path parent, Optional<KernelProfile> profile) {
        if (!HostScratch.isRoot()) {
            throw new HostUnavailable("--against host needs root: it makes loop devices and mounts them"
                    + " (run as root, or use --against qemu)");
        }
        for (String tool : List.of("losetup", "mount", "umount", "xfs_io", "mkfs.ext4", "mkfs.xfs", "dmesg")) {
            if (!HostScratch.onPath(tool)) {
                throw new HostUnavailable("--against host needs " + tool + " (ci/vm/setup installs xfsprogs,"
                        + " e2fsprogs and util-linux)");
            }
        }
        HostScratch scratch;
        try {
            scratch = HostScratch.open(parent, "explore", IMAGE_SIZE);
        } catch (HostScratch.Unavailable e) {
            throw new HostUnavailable(e.getMessage());
        }
        try {
            Files.createDirectories(scratch.dir().resolve("bin"));
            boolean probe = buildProbe(scratch.dir().resolve("bin"));
            return new HostBackend(scratch, probe, profile.orElseGet(HostBackend::profile));
        } catch (IOException | RuntimeException e) {
            scratch.close();
            throw new HostUnavailable("cannot set up " + scratch.dir() + ": " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "host: Linux " + release() + ", " + loop + " over an image in " + dir.getParent() + "; profile "
                + reference.profile();
    }

    @Override
    public String release() {
        return System.getProperty("os.version");
    }

    @Override
    public Kernel reference() {
        return reference;
    }

    /**
     * This machine's profile: its release and its active LSMs, from
     * {@code /sys/kernel/security/lsm} (none when securityfs is not mounted).
     */
    private static KernelProfile profile() {
        List<String> lsms = List.of();
        try {
            lsms = List.of(Files.readString(Path.of("/sys/kernel/security/lsm"))
                    .strip()
                    .split(","));
        } catch (IOException | RuntimeException unreadable) {
            // securityfs not mounted: the profile knows of no LSM
        }
        return KernelProfile.of(System.getProperty("os.version"), lsms);
    }

    @Override
    public Vocabulary vocabulary() {
        Vocabulary v = Vocabulary.HOST;
        return new Vocabulary(v.crash(), v.trace(), probe, v.fill(), v.remount());
    }

    @Override
    public int batchSize() {
        return BATCH;
    }

    @Override
    public List<KernelRun> run(List<Program> programs) {
        List<KernelRun> out = new ArrayList<>();
        for (Program p : programs) {
            Optional<String> raw = bash(ProgramScript.body(p));
            out.add(raw.map(r -> KernelRun.of(filter(p, r)))
                    .orElseGet(() -> new KernelRun("", "timed out after " + TIMEOUT_SECONDS + " s")));
        }
        return out;
    }

    /**
     * The programs that may share a filesystem ({@link SharedFilesystem#shareable}) run by
     * target, up to {@link SharedFilesystem#MOST} on one mkfs; the others, and those of a shared run
     * that timed out or was cut short, alone.
     */
    @Override
    public List<KernelRun> screen(List<Program> programs) {
        KernelRun[] out = new KernelRun[programs.size()];
        for (List<Integer> group : SharedFilesystem.groups(programs, SharedFilesystem::shareable)) {
            List<Program> members = group.stream().map(programs::get).toList();
            Optional<List<String>> each = bash(SharedFilesystem.script(members))
                    .flatMap(raw -> SharedFilesystem.split(raw, members.size(), mnt.toString()));
            for (int k = 0; k < group.size() && each.isPresent(); k++) {
                out[group.get(k)] =
                        KernelRun.shared(filter(members.get(k), each.get().get(k)));
            }
        }
        for (int i = 0; i < programs.size(); i++) {
            if (out[i] == null) {
                out[i] = run(List.of(programs.get(i))).get(0);
            }
        }
        return List.of(out);
    }

    /** Runs {@code body} with the scratch variables set; its raw output, or empty when it timed out. */
    private Optional<String> bash(String body) {
        String script = "SCRATCH_DEV=" + loop + "\nSCRATCH_MNT=" + mnt + "\nPATH=" + bin + ":$PATH\n" + body;
        Process running = null;
        try {
            Path file = dir.resolve("program.sh");
            Files.writeString(file, script);
            running = scratch.start(new ProcessBuilder("bash", file.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true));
            running.getOutputStream().close();
            byte[] raw;
            try (InputStream in = running.getInputStream()) {
                raw = in.readAllBytes();
            }
            if (!running.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                HostScratch.Cmd.quiet(List.of("umount", "-l", mnt.toString()));
                return Optional.empty();
            }
            return Optional.of(new String(raw, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The shared filter, and the loop device's kernel name spelled as the model's. */
    private String filter(Program p, String raw) {
        String kernelName = loop.substring(loop.lastIndexOf('/') + 1);
        return new TranscriptFilter(mnt.toString(), loop)
                .apply(raw)
                .replace("(" + kernelName + ")", "(" + p.target().device().kernelName() + ")");
    }

    /** Kills a running program, unmounts, detaches the loop device and deletes the directory. */
    @Override
    public void close() {
        scratch.close();
    }

    /** gcc -O2 probe.c: false when there is no gcc, so programs keep to shared mappings. */
    private static boolean buildProbe(Path bin) throws IOException {
        if (!HostScratch.onPath("gcc")) {
            return false;
        }
        Path src = bin.resolve("probe.c");
        try (InputStream in = HostBackend.class.getResourceAsStream("/dev/daxspec/run/vm/probe.c")) {
            if (in == null) {
                return false;
            }
            Files.copy(in, src);
        }
        return HostScratch.Cmd.run(
                                List.of(
                                        "gcc",
                                        "-O2",
                                        "-o",
                                        bin.resolve("daxspec-probe").toString(),
                                        src.toString()),
                                bin)
                        .status()
                == 0;
    }

    /** The host cannot run programs: one line saying why. */
    static final class HostUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostUnavailable(String message) {
            super(message);
        }
    }
}

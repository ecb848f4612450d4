package dev.daxspec.explore;

import dev.daxspec.emit.ProgramScript;
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
        return 1;
    }

    @Override
    public List<KernelRun> run(List<Program> programs) {
        List<KernelRun> out = new ArrayList<>();
        TranscriptFilter filter = new TranscriptFilter(mnt.toString(), loop);
        String kernelName = loop.substring(loop.lastIndexOf('/') + 1);
        for (Program p : programs) {
            String script = "SCRATCH_DEV=" + loop + "\nSCRATCH_MNT=" + mnt + "\nPATH=" + bin + ":$PATH\n"
                    + ProgramScript.body(p);
            String model = p.target().device().kernelName();
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
                    out.add(new KernelRun("", "timed out after " + TIMEOUT_SECONDS + " s"));
                    continue;
                }
                String text = filter.apply(new String(raw, StandardCharsets.UTF_8))
                        .replace("(" + kernelName + ")", "(" + model + ")");
                out.add(KernelRun.of(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.destroyForcibly();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return out;
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

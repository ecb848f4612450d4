package dev.daxspec.explore;

import dev.daxspec.emit.ProgramScript;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

    private final Path dir;
    private final Path mnt;
    private final Path bin;
    private final String loop;
    private final boolean probe;
    private final Kernel reference;
    private final Thread hook;
    private volatile Process running;
    private volatile boolean closed;

    private HostBackend(Path dir, String loop, boolean probe, KernelProfile profile) {
        this.reference = Kernel.CORRECT.withProfile(profile);
        this.dir = dir;
        this.mnt = dir.resolve("mnt");
        this.bin = dir.resolve("bin");
        this.loop = loop;
        this.probe = probe;
        this.hook = new Thread(this::cleanUp, "daxspec-explore-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Makes the scratch directory under {@code parent}, its image and loop device.
     *
     * @throws HostUnavailable with one line saying what is missing: root, a tool, a writable directory
     */
    static HostBackend open(Path parent, Optional<KernelProfile> profile) {
        if (!isRoot()) {
            throw new HostUnavailable("--against host needs root: it makes loop devices and mounts them"
                    + " (run as root, or use --against qemu)");
        }
        for (String tool : List.of("losetup", "mount", "umount", "xfs_io", "mkfs.ext4", "mkfs.xfs", "dmesg")) {
            if (!onPath(tool)) {
                throw new HostUnavailable("--against host needs " + tool + " (ci/vm/setup installs xfsprogs,"
                        + " e2fsprogs and util-linux)");
            }
        }
        Path dir;
        try {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, "daxspec-explore-");
        } catch (IOException e) {
            throw new HostUnavailable("cannot make the scratch directory in " + parent + ": " + e.getMessage());
        }
        String device = null;
        try {
            Files.createDirectories(dir.resolve("mnt"));
            Files.createDirectories(dir.resolve("bin"));
            Path image = dir.resolve("scratch.img");
            try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
                f.setLength(IMAGE_SIZE);
            }
            Cmd losetup = Cmd.run(List.of("losetup", "--find", "--show", image.toString()), dir);
            if (losetup.status != 0) {
                throw new HostUnavailable("losetup cannot attach " + image + ": " + losetup.output.strip()
                        + " (modprobe loop?)");
            }
            device = losetup.output.strip();
            boolean probe = buildProbe(dir.resolve("bin"));
            return new HostBackend(dir, device, probe, profile.orElseGet(HostBackend::profile));
        } catch (IOException | RuntimeException e) {
            if (device != null) {
                Cmd.quiet(List.of("losetup", "-d", device));
            }
            deleteTree(dir);
            if (e instanceof HostUnavailable h) {
                throw h;
            }
            throw new HostUnavailable("cannot set up " + dir + ": " + e.getMessage());
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
            lsms = List.of(Files.readString(Path.of("/sys/kernel/security/lsm")).strip().split(","));
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
            if (closed) {
                throw new IllegalStateException("the host backend is closed");
            }
            try {
                Path file = dir.resolve("program.sh");
                Files.writeString(file, script);
                synchronized (this) {
                    // Started under the lock cleanUp() takes, so that no program starts after it.
                    if (closed) {
                        throw new IllegalStateException("the host backend is closed");
                    }
                    running = new ProcessBuilder("bash", file.toString()).directory(dir.toFile())
                            .redirectErrorStream(true).start();
                }
                running.getOutputStream().close();
                byte[] raw;
                try (InputStream in = running.getInputStream()) {
                    raw = in.readAllBytes();
                }
                if (!running.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    running.destroyForcibly();
                    Cmd.quiet(List.of("umount", "-l", mnt.toString()));
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
            } finally {
                running = null;
            }
        }
        return out;
    }

    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it cleans up
        }
    }

    /** Kills a running program, unmounts, detaches the loop device and deletes the directory. */
    private void cleanUp() {
        Process p;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            p = running;
        }
        if (p != null) {
            // The program's processes first (mkfs, mount, xfs_io hold the device), and wait
            // for them to be gone, or the unmount and the detach find the device busy.
            List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
            all.add(p.toHandle());
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : all) {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception stillThere) {
                    // reported below if the device stays busy
                }
            }
        }
        // A mount left by an interrupted program, or by one that did not unmount.
        for (int i = 0; i < 20 && Cmd.quiet(List.of("mountpoint", "-q", mnt.toString())) == 0; i++) {
            if (Cmd.quiet(List.of("umount", mnt.toString())) != 0) {
                pause();
            }
        }
        if (Cmd.quiet(List.of("mountpoint", "-q", mnt.toString())) == 0) {
            Cmd.quiet(List.of("umount", "-l", mnt.toString()));
        }
        for (int i = 0; i < 20 && Cmd.quiet(List.of("losetup", "-d", loop)) != 0 && attached(); i++) {
            pause();
        }
        if (attached()) {
            System.err.println("daxspec: " + loop + " stays attached to " + dir + "/scratch.img; detach it with"
                    + " losetup -d " + loop);
        }
        deleteTree(dir);
    }

    /** Whether the loop device is still attached to this backend's image. */
    private boolean attached() {
        return Cmd.run(List.of("losetup", "-j", dir.resolve("scratch.img").toString()), Path.of("/")).output()
                .contains(loop + ":");
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** gcc -O2 probe.c: false when there is no gcc, so programs keep to shared mappings. */
    private static boolean buildProbe(Path bin) throws IOException {
        if (!onPath("gcc")) {
            return false;
        }
        Path src = bin.resolve("probe.c");
        try (InputStream in = HostBackend.class.getResourceAsStream("/dev/daxspec/run/vm/probe.c")) {
            if (in == null) {
                return false;
            }
            Files.copy(in, src);
        }
        return Cmd.run(List.of("gcc", "-O2", "-o", bin.resolve("daxspec-probe").toString(), src.toString()),
                bin).status == 0;
    }

    private static boolean isRoot() {
        Cmd id = Cmd.run(List.of("id", "-u"), Path.of("/"));
        return id.status == 0 && id.output.strip().equals("0");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        return Stream.of(path.split(":")).anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Left for the user: a file we cannot delete is reported by nothing else.
            System.err.println("daxspec: could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** A short command's status and merged output. */
    private record Cmd(int status, String output) {

        static Cmd run(List<String> argv, Path dir) {
            try {
                Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new Cmd(p.waitFor(), out);
            } catch (IOException e) {
                return new Cmd(127, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Cmd(130, "interrupted");
            }
        }

        static int quiet(List<String> argv) {
            return run(argv, Path.of("/")).status;
        }
    }

    /** The host cannot run programs: one line saying why. */
    static final class HostUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostUnavailable(String message) {
            super(message);
        }
    }
}

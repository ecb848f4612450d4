package dev.daxspec.host;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scratch directory of this machine's own, with a sparse image file in it attached to a
 * loop device and a mount point: what runs on the host's kernel gets a device of its own
 * and never touches any other. Closing it kills the process it runs, unmounts, detaches
 * the loop device and deletes the directory; so does a shutdown hook, on SIGINT and
 * SIGTERM, and a setup that fails half way.
 *
 * <p>Processes that use the device are started through {@link #start} or {@link #run}, so
 * that cleaning up can end them first (mkfs, mount and xfs_io hold the device, and an
 * unmount or a detach would find it busy). Thread-safe: the shutdown hook may clean up
 * while another thread starts a process.
 */
public final class HostScratch implements AutoCloseable {

    private final Path dir;
    private final Path mnt;
    private final Path image;
    private final String loop;
    private final Thread hook;
    private Process running;
    private boolean closed;

    private HostScratch(Path dir, Path image, String loop, String name) {
        this.dir = dir;
        this.mnt = dir.resolve("mnt");
        this.image = image;
        this.loop = loop;
        this.hook = new Thread(this::cleanUp, "daxspec-" + name + "-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Makes {@code parent/daxspec-NAME-*}, with {@code mnt/} and a sparse image of
     * {@code imageSize} bytes attached to a free loop device.
     *
     * @throws Unavailable with one line saying what went wrong; nothing is left behind
     */
    public static HostScratch open(Path parent, String name, long imageSize) {
        Path dir;
        try {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, "daxspec-" + name + "-");
        } catch (IOException e) {
            throw new Unavailable("cannot make the scratch directory in " + parent + ": " + e.getMessage());
        }
        String device = null;
        try {
            Files.createDirectories(dir.resolve("mnt"));
            Path image = dir.resolve("scratch.img");
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                f.setLength(imageSize);
            }
            Cmd losetup = Cmd.run(List.of("losetup", "--find", "--show", image.toString()), dir);
            if (losetup.status() != 0) {
                throw new Unavailable("losetup cannot attach " + image + ": "
                        + losetup.output().strip() + " (modprobe loop?)");
            }
            device = losetup.output().strip();
            return new HostScratch(dir, image, device, name);
        } catch (IOException | RuntimeException e) {
            if (device != null) {
                Cmd.quiet(List.of("losetup", "-d", device));
            }
            deleteTree(dir);
            if (e instanceof Unavailable u) {
                throw u;
            }
            throw new Unavailable("cannot set up " + dir + ": " + e.getMessage());
        }
    }

    /** The scratch directory; everything in it goes at close. */
    public Path dir() {
        return dir;
    }

    /** The mount point, {@code dir()/mnt}. */
    public Path mnt() {
        return mnt;
    }

    /** The loop device, e.g. {@code /dev/loop3}. */
    public String loop() {
        return loop;
    }

    /**
     * Starts {@code pb} as the process that cleaning up ends first.
     *
     * @throws IllegalStateException once closed (the shutdown hook may have run)
     */
    public Process start(ProcessBuilder pb) throws IOException {
        synchronized (this) {
            // Started under the lock cleanUp() takes, so that no process starts after it.
            if (closed) {
                throw new IllegalStateException("the host scratch device is closed");
            }
            running = pb.start();
            return running;
        }
    }

    /** Runs {@code argv} in the scratch directory through {@link #start}: its status and merged output. */
    public Cmd run(List<String> argv) {
        try {
            return Cmd.of(start(new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)));
        } catch (IOException e) {
            return new Cmd(127, e.getMessage());
        }
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

    /** Kills the running process, unmounts, detaches the loop device and deletes the directory. */
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
            // Its processes first (mkfs, mount, xfs_io hold the device), and wait for them
            // to be gone, or the unmount and the detach find the device busy.
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
        // A mount left by an interrupted process, or by one that did not unmount.
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
        // On a device still open (a process forked after the kill looked for them, a lazy
        // unmount) losetup -d succeeds but only marks it to go at the last close
        // (LO_FLAGS_AUTOCLEAR): wait for that (HostBackendTest saw it under load).
        for (int i = 0; i < 40 && attached(); i++) {
            pause();
        }
        if (attached()) {
            System.err.println(
                    "daxspec: " + loop + " stays attached to " + image + "; detach it with losetup -d " + loop);
        }
        deleteTree(dir);
    }

    /** Whether the loop device is still attached to this scratch directory's image. */
    private boolean attached() {
        return Cmd.run(List.of("losetup", "-j", image.toString()), Path.of("/"))
                .output()
                .contains(loop + ":");
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this process runs as root (uid 0), as loop devices and mounts need. */
    public static boolean isRoot() {
        Cmd id = Cmd.run(List.of("id", "-u"), Path.of("/"));
        return id.status() == 0 && id.output().strip().equals("0");
    }

    /** Whether {@code tool} is an executable on PATH or in /usr/sbin and /sbin. */
    public static boolean onPath(String tool) {
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
    public record Cmd(int status, String output) {

        /** Runs {@code argv} in {@code dir} to its end; status 127 when it cannot start. */
        public static Cmd run(List<String> argv, Path dir) {
            try {
                return of(new ProcessBuilder(argv)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start());
            } catch (IOException e) {
                return new Cmd(127, e.getMessage());
            }
        }

        /** Waits for a started process with nothing on its stdin: 130 when interrupted. */
        private static Cmd of(Process p) throws IOException {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                return new Cmd(p.waitFor(), out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Cmd(130, "interrupted");
            }
        }

        /** {@link #run} in {@code /}, for the status only. */
        public static int quiet(List<String> argv) {
            return run(argv, Path.of("/")).status;
        }
    }

    /** The host cannot give a scratch device: one line saying why. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}

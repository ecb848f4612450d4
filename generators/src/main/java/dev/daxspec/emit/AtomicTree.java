package dev.daxspec.emit;

import dev.daxspec.files.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Writes a directory tree so that it appears whole or not at all: into a temporary
 * directory beside the destination, then renamed into place. A destination that exists is
 * replaced only when it is empty or holds {@code marker} (a tree this class wrote before);
 * the old tree is moved aside, the new one renamed in, the old one deleted. On any error,
 * and on SIGINT or SIGTERM (through a shutdown hook), the temporary directory is deleted
 * and an old tree moved aside is moved back. Files get
 * mode 0644 or 0755 and directories 0755 whatever the umask, so two writes of the same tree
 * are byte-identical down to the modes.
 */
public final class AtomicTree {

    /** A file's bytes and whether it is executable. */
    public record Entry(byte[] content, boolean executable) {}

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private AtomicTree() {}

    /**
     * Writes {@code files} (relative paths with {@code /}, in their sorted order) as the tree
     * {@code out}.
     *
     * @throws IOException when writing fails (nothing is left behind), or when {@code out}
     *     exists and is neither empty nor a tree with {@code marker}
     */
    static void write(SortedMap<String, Entry> files, Path out, String marker) throws IOException {
        write(files, out, marker, "a suite");
    }

    /**
     * Writes {@code files} as the tree {@code out}, as {@link #write(SortedMap, Path, String)}
     * does; {@code what} names such a tree in the message when {@code out} holds something
     * else, e.g. {@code a report}.
     */
    public static void write(SortedMap<String, Entry> files, Path out, String marker, String what) throws IOException {
        Path dest = out.toAbsolutePath().normalize();
        Path parent = dest.getParent();
        if (parent == null) {
            throw new IOException("cannot write a tree at " + out);
        }
        checkReplaceable(dest, out, marker, what);
        Files.createDirectories(parent);
        Write w = new Write(dest);
        // SIGINT or SIGTERM while the tree is written: the JVM runs this hook, which waits
        // for the step under way, then leaves things as they were before the write. It is
        // registered before the temporary directory exists, so no signal falls between.
        Thread hook = new Thread(
                () -> {
                    try {
                        w.abandon();
                    } catch (IOException e) {
                        System.err.println("daxspec: interrupted; could not remove " + w.tmp + ": " + e.getMessage());
                    }
                },
                "daxspec-atomic-tree");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            w.step(() -> {
                try {
                    w.tmp = Files.createTempDirectory(parent, "." + dest.getFileName() + ".tmp-");
                } catch (FileSystemException e) {
                    // named as the user gave it: the temporary directory's name means nothing to them
                    throw new FileSystemException(
                            out.toString(), null, "cannot create a directory in " + parent + " (" + Reason.of(e) + ")");
                }
                Files.setPosixFilePermissions(w.tmp, EXECUTABLE);
            });
            Path tmp = w.tmp;
            for (Map.Entry<String, Entry> e : files.entrySet()) {
                Path file = tmp.resolve(e.getKey());
                if (!file.normalize().startsWith(tmp)) {
                    throw new IOException("refusing to write " + e.getKey() + " outside " + out);
                }
                w.step(() -> {
                    createDirectories(tmp, file.getParent());
                    Files.write(file, e.getValue().content());
                    Files.setPosixFilePermissions(file, e.getValue().executable() ? EXECUTABLE : FILE);
                });
            }
            w.step(() -> {
                if (Files.exists(dest)) {
                    Path old = Files.createTempDirectory(parent, "." + dest.getFileName() + ".old-");
                    Files.delete(old);
                    Files.move(dest, old, StandardCopyOption.ATOMIC_MOVE);
                    w.old = old;
                }
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
                w.done = true;
            });
        } catch (IOException | RuntimeException e) {
            try {
                w.abandon();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it has cleaned up
            }
        }
        if (w.old != null) {
            deleteTree(w.old);
        }
    }

    /** One step of a write, done whole or not at all with respect to {@link Write#abandon}. */
    private interface Step {
        void run() throws IOException;
    }

    /**
     * The state of one write, shared by the writing thread and the shutdown hook: each step
     * and the clean-up run under the object's lock, so the hook never deletes a tree a step
     * is writing into, and no step runs after the clean-up.
     */
    private static final class Write {
        private final Path dest;
        private Path tmp;
        private Path old;
        private boolean done;
        private boolean abandoned;

        Write(Path dest) {
            this.dest = dest;
        }

        synchronized void step(Step s) throws IOException {
            if (abandoned) {
                throw new IOException("interrupted: nothing was written to " + dest);
            }
            s.run();
        }

        /** Deletes the temporary tree and moves an old tree moved aside back; nothing once the write is done. */
        synchronized void abandon() throws IOException {
            if (done || abandoned) {
                return;
            }
            abandoned = true;
            if (tmp != null) {
                deleteTree(tmp);
            }
            if (old != null && Files.exists(old) && !Files.exists(dest)) {
                Files.move(old, dest, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static void checkReplaceable(Path dest, Path out, String marker, String what) throws IOException {
        if (!Files.exists(dest)) {
            return;
        }
        if (!Files.isDirectory(dest)) {
            throw new FileAlreadyExistsException(out + " exists and is not a directory");
        }
        if (Files.exists(dest.resolve(marker))) {
            return;
        }
        try (Stream<Path> s = Files.list(dest)) {
            if (s.findAny().isPresent()) {
                throw new FileAlreadyExistsException(out + " exists and is not " + what + " daxspec wrote (no " + marker
                        + "); choose another directory or remove it");
            }
        }
    }

    /** Creates the directories from {@code root} down to {@code dir}, each with mode 0755. */
    private static void createDirectories(Path root, Path dir) throws IOException {
        if (dir.equals(root) || Files.isDirectory(dir)) {
            return;
        }
        createDirectories(root, dir.getParent());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, EXECUTABLE);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

package dev.daxspec.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Booted guests kept from run to run, so that a pool's VMs start by restoring one (about a
 * second) instead of booting (about 8 s under TCG). An entry is a {@link Snapshot} in a
 * directory named after a hash of everything that makes the booted guest what it is: qemu's
 * version, the qemu command line without the run's own paths, the kernel image's and the
 * initramfs's bytes (with the payload the guest sees under {@code /payload}, so a run with
 * another payload boots). The newest {@link #KEEP} entries are kept; each is about 160 MB.
 *
 * <p>Entries are only added by renaming a complete directory into place, so pools may share
 * the directory; an instance is for one thread.
 */
final class SnapshotCache {

    /** Entries kept: a few kernels, or a kernel with and without the xfstests tools. */
    static final int KEEP = 3;

    private final Path root;
    private final QemuCommand command;
    private Path entry;

    /** The cache in {@code root} for guests booted by {@code command} (its RAM file aside). */
    SnapshotCache(Path root, QemuCommand command) {
        this.root = root;
        this.command = command;
    }

    /** {@code $XDG_CACHE_HOME/daxspec/snapshots}, or {@code ~/.cache/daxspec/snapshots}. */
    static Path userDirectory() {
        return UserCache.directory("snapshots");
    }

    /** Where the snapshot of a guest booted by the command is, or would be; hashed once. */
    private Path entry() throws IOException {
        if (entry != null) {
            return entry;
        }
        MessageDigest sha = FileDigest.sha256();
        Path p = Path.of("/");
        List<String> args = command.arguments(
                p.resolve("console"), p.resolve("results"), p.resolve("jobs"), p.resolve("monitor"), false);
        for (String a : args) {
            a = a.replace(command.ramFile().toString(), "RAM")
                    .replace(command.initrd().toString(), "INITRD")
                    .replace(command.boot().toString(), "KERNEL");
            sha.update(a.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        sha.update(qemuVersion(command.qemu()).getBytes(StandardCharsets.UTF_8));
        FileDigest.update(sha, command.kernel().image());
        // The vmlinux is the bzImage's (BootImage), but a guest booted through its PVH entry
        // is not one booted through the bzImage's.
        sha.update((command.boot().equals(command.kernel().image()) ? "bzImage" : "vmlinux")
                .getBytes(StandardCharsets.UTF_8));
        FileDigest.update(sha, command.initrd());
        entry = root.resolve(HexFormat.of().formatHex(sha.digest(), 0, 16));
        return entry;
    }

    /** The snapshot of a guest booted by the command, if an earlier pool published one. */
    Optional<Snapshot> find() {
        try {
            Path dir = entry();
            Optional<Snapshot> s = Snapshot.load(dir, command.options().memoryGiB() * (1L << 30));
            if (s.isPresent()) {
                // The newest used entries are the ones kept.
                Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
            }
            return s;
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps {@code snapshot} of a guest booted by the command for later pools; drops the oldest entries. */
    void publish(Snapshot snapshot) throws IOException {
        snapshot.publish(entry());
        prune();
    }

    /** Removes the entry of the command's guest, which could not be restored. */
    void remove() {
        try {
            RunFiles.deleteTree(entry());
        } catch (IOException e) {
            // It stays, and the next run tries it and boots again.
        }
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(root)) {
            entries = s.toList();
        }
        Instant stale = Instant.now().minus(Duration.ofHours(1));
        List<Path> kept = entries.stream()
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted(Comparator.comparing(SnapshotCache::modified).reversed())
                .toList();
        for (Path p : kept.subList(Math.min(KEEP, kept.size()), kept.size())) {
            RunFiles.deleteTree(p);
        }
        for (Path p : entries) {
            // A copy that a killed run left half done.
            if (p.getFileName().toString().startsWith(".publish-")
                    && modified(p).isBefore(stale)) {
                RunFiles.deleteTree(p);
            }
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static String qemuVersion(String qemu) throws IOException {
        Process p =
                new ProcessBuilder(qemu, "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}

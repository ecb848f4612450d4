package dev.daxspec.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A booted guest, saved once so that a crash costs a restore, not a boot: qemu's device state
 * (migrated to a file with {@code x-ignore-shared}, so the RAM file is not in it) and a copy of
 * the RAM file's ordinary RAM. The guest's persistent memory is not in the snapshot at all.
 *
 * <p>The RAM file holds the guest's ordinary RAM first ({@link VmOptions#memoryGiB()}, guest
 * physical 0 up) and then the RAM above 4 GiB that the kernel takes as {@code /dev/pmem0}
 * ({@code memmap=SIZE!4G}). A restore puts back the first part and leaves the second as the
 * crash left it, which is exactly what a reboot on the same RAM file did: the new kernel starts
 * from nothing, and pmem holds what reached it. brd lives in ordinary RAM, so it is empty again,
 * as after a reboot. The guest is saved just after its first request for work, before any job
 * touched a device; what its kernel read of {@code /dev/pmem0} at boot (the partition scan) is
 * dropped before every phase ({@code blockdev --flushbufs} in the guest's init), so a restored
 * kernel reads the device as a rebooted one would.
 *
 * <p>The RAM is kept as its chunks that are not all zero, one after another, with their list
 * ({@code chunks}). A snapshot can be {@link #publish published} to a {@link SnapshotCache}, from
 * which the VMs of later pools {@link #load} it instead of booting.
 *
 * <p>Taking and deleting it is for the one {@link Guest} that owns it; restoring from it, for any
 * number of guests at once (they only read it).
 */
final class Snapshot {

    private static final int CHUNK = 1 << 20;

    /** Which 1 MiB chunks of ordinary RAM {@code ram} holds, one after another: a {@link BitSet}'s bytes. */
    private static final String CHUNKS = "chunks";

    private static final long POLL_MILLIS = 20;

    private final Path state;
    private final Path ram;
    private final long bytes;
    private final BitSet chunks;

    private Snapshot(Path state, Path ram, long bytes, BitSet chunks) {
        this.state = state;
        this.ram = ram;
        this.bytes = bytes;
        this.chunks = chunks;
    }

    /**
     * Saves the running guest of {@code qmp}: stops it, migrates its device state to {@code
     * dir/state}, copies the first {@code bytes} of {@code ramFile} (the chunks that are not all
     * zero) to {@code dir/ram}, and lets the guest go on.
     *
     * @throws IOException when qemu refused or the migration failed; the guest may be stopped
     */
    static Snapshot take(Qmp qmp, Path ramFile, long bytes, Path dir, Deadline deadline)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            // Not createDirectories: where an interrupt's cleanup has just deleted the run's
            // work directory, this fails instead of making it again to outlive the run.
            Files.createDirectory(dir);
        }
        Path state = dir.resolve("state");
        Path ram = dir.resolve("ram");
        qmp.execute("stop");
        ignoreShared(qmp);
        qmp.execute("migrate", Qmp.arguments().put("uri", "exec:cat > " + quote(state)));
        while (true) {
            String status = qmp.execute("query-migrate").path("status").asText();
            if (status.equals("completed")) {
                break;
            }
            if (status.equals("failed") || status.equals("cancelled")) {
                throw new IOException("saving the guest: the migration " + status);
            }
            if (deadline.passed()) {
                throw new IOException("saving the guest took more than " + deadline.describe());
            }
            Thread.sleep(POLL_MILLIS);
        }
        BitSet chunks;
        try (FileChannel from = FileChannel.open(ramFile, StandardOpenOption.READ);
                FileChannel to = FileChannel.open(
                        ram,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            chunks = copyNonZero(from, to, bytes);
        }
        Files.write(dir.resolve(CHUNKS), chunks.toByteArray());
        qmp.execute("cont");
        return new Snapshot(state, ram, bytes, chunks);
    }

    /**
     * The snapshot {@link #publish} left in {@code dir}, for a guest of {@code bytes} of ordinary
     * RAM; empty when there is none or it does not fit.
     */
    static Optional<Snapshot> load(Path dir, long bytes) {
        Path state = dir.resolve("state");
        Path ram = dir.resolve("ram");
        try {
            BitSet chunks = BitSet.valueOf(Files.readAllBytes(dir.resolve(CHUNKS)));
            boolean fits = Files.isRegularFile(state)
                    && chunks.length() <= (bytes + CHUNK - 1) / CHUNK
                    && Files.size(ram) == (long) chunks.cardinality() * CHUNK;
            return fits ? Optional.of(new Snapshot(state, ram, bytes, chunks)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Copies the snapshot to {@code dir} for other pools to {@link #load}: into a directory of
     * its own beside it first, then renamed, so that a reader sees all of it or nothing. Where
     * {@code dir} already exists (another pool was first), the copy is dropped.
     */
    void publish(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, ".publish-");
        try {
            Files.copy(state, tmp.resolve("state"));
            Files.copy(ram, tmp.resolve("ram"));
            Files.write(tmp.resolve(CHUNKS), chunks.toByteArray());
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // another pool published the same snapshot first
        } finally {
            RunFiles.deleteTree(tmp);
        }
    }

    /**
     * Puts the saved ordinary RAM back into {@code ramFile}, whose qemu must have ended: the
     * first {@code bytes} are emptied (a hole) and the saved chunks written; the rest of the file,
     * pmem, is not touched.
     */
    void restoreRam(Path ramFile) throws IOException {
        SparseFile.punch(ramFile, new SparseFile.Range(0, bytes));
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel from = FileChannel.open(ram, StandardOpenOption.READ);
                FileChannel to = FileChannel.open(ramFile, StandardOpenOption.WRITE)) {
            long saved = 0;
            for (int i = chunks.nextSetBit(0); i >= 0; i = chunks.nextSetBit(i + 1)) {
                long offset = (long) i * CHUNK;
                buffer.clear().limit((int) Math.min(CHUNK, bytes - offset));
                readFully(from, buffer, saved);
                saved += CHUNK;
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer, offset + buffer.position());
                }
            }
        }
    }

    /**
     * Loads the saved device state into the qemu of {@code qmp}, started with {@code -incoming
     * defer} on a RAM file {@link #restoreRam} prepared, and lets the guest run: it goes on where
     * it was saved, waiting for its first phase.
     */
    void resume(Qmp qmp, Deadline deadline) throws IOException, InterruptedException {
        ignoreShared(qmp);
        qmp.execute("migrate-incoming", Qmp.arguments().put("uri", "exec:cat " + quote(state)));
        while (true) {
            JsonNode status = qmp.execute("query-status");
            String s = status.path("status").asText();
            if (!s.equals("inmigrate")) {
                // The saved guest was stopped, and qemu restores that run state (its global
                // state section): it waits for cont.
                if (!s.equals("paused")) {
                    throw new IOException("restoring the guest: qemu is " + s + " after the migration");
                }
                break;
            }
            if (deadline.passed()) {
                throw new IOException("restoring the guest took more than " + deadline.describe());
            }
            Thread.sleep(POLL_MILLIS);
        }
        qmp.execute("cont");
    }

    /** How many bytes of ordinary RAM the snapshot holds (its chunks that are not all zero). */
    long savedBytes() {
        return (long) chunks.cardinality() * CHUNK;
    }

    /** Deletes the snapshot's files. */
    void delete() {
        for (Path p : List.of(state, ram, ram.resolveSibling(CHUNKS))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // the pool's work directory goes at its end anyway
            }
        }
    }

    /** Shared memory (the RAM file) is not migrated: it stays in the file, where we handle it. */
    private static void ignoreShared(Qmp qmp) throws IOException {
        qmp.execute(
                "migrate-set-capabilities",
                Qmp.arguments()
                        .set(
                                "capabilities",
                                Qmp.arguments()
                                        .arrayNode()
                                        .add(Qmp.arguments()
                                                .put("capability", "x-ignore-shared")
                                                .put("state", true))));
    }

    private static BitSet copyNonZero(FileChannel from, FileChannel to, long bytes) throws IOException {
        BitSet written = new BitSet();
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        for (long offset = 0; offset < bytes; offset += CHUNK) {
            buffer.clear().limit((int) Math.min(CHUNK, bytes - offset));
            readFully(from, buffer, offset);
            buffer.flip();
            if (!allZero(buffer)) {
                // The chunks one after another, in order: the file is no larger than what it holds.
                long at = (long) written.cardinality() * CHUNK;
                while (buffer.hasRemaining()) {
                    to.write(buffer, at + buffer.position());
                }
                written.set((int) (offset / CHUNK));
            }
        }
        return written;
    }

    private static boolean allZero(ByteBuffer buffer) {
        LongBuffer longs = buffer.duplicate().asLongBuffer();
        while (longs.hasRemaining()) {
            if (longs.get() != 0) {
                return false;
            }
        }
        for (int i = buffer.limit() & ~7; i < buffer.limit(); i++) {
            if (buffer.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel from, ByteBuffer buffer, long offset) throws IOException {
        while (buffer.hasRemaining()) {
            if (from.read(buffer, offset + buffer.position()) < 0) {
                // past the end of a sparse file: zeros
                while (buffer.hasRemaining()) {
                    buffer.put((byte) 0);
                }
            }
        }
    }

    private static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}

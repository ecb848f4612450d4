package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The journal (ext4) or log (xfs) of one {@link FileSystem}, and what a crash leaves of
 * it. A forced commit (fsync, sync, a MAP_SYNC write fault) makes every metadata change so
 * far durable; between forced commits the journal commits on its own schedule, so while
 * crash states are recorded every metadata change is a state a crash may leave ({@link
 * Image}). Not thread-safe.
 */
final class Journal {

    private final FileSystem fs;
    private final Kernel kernel;
    /** What the last forced journal commit made durable. */
    private Image durable;
    /** States the journal may have committed since, oldest first (only while recording). */
    private final List<Image> pending = new ArrayList<>();

    private boolean recording;

    Journal(FileSystem fs, Kernel kernel) {
        this.fs = fs;
        this.kernel = kernel;
    }

    /** Whether crash states are recorded. */
    boolean recording() {
        return recording;
    }

    /**
     * A journal (ext4) or log (xfs) commit: every metadata change so far reaches stable
     * storage. fsync and fdatasync force one for all files at once, since a commit
     * carries everything before it.
     */
    void commit() {
        fs.files().forEach(f -> {
            // A change committed since the inode was read bumped its i_version.
            f.iversionQueried &= !f.metadataDirty;
            f.metadataDirty = false;
        });
        // Only a crash reads the image, and only while crash states are recorded
        // (recordCrashStates() takes a fresh one): without that an image of every file at
        // every fsync is work nothing uses.
        durable = recording ? Image.of(fs) : null;
        pending.clear();
    }

    /**
     * Notes that metadata may have changed: while crash states are recorded, the state
     * as a commit now would make it durable becomes one the next crash may leave behind
     * (ext4 commits its journal every 5 s, xfs pushes its log on its own schedule, so
     * any point since the last forced commit can be the one that made it to disk).
     */
    void note() {
        if (recording) {
            pending.add(Image.of(fs));
        }
    }

    /** Starts keeping every state a crash could leave. */
    void recordCrashStates() {
        recording = true;
        durable = Image.of(fs);
    }

    /**
     * The filesystems the next mount may find after a crash, one for each point the
     * journal may have committed up to (the last forced commit first), after journal or
     * log recovery. File data: what the device holds (DAX stores and written-back pages)
     * for the blocks written in that state; zeros for unwritten blocks and holes.
     */
    List<FileSystem> crash() {
        if (!recording) {
            throw new IllegalStateException("crash states were not recorded; call recordCrashStates() first");
        }
        List<FileSystem> out = new ArrayList<>();
        Set<Image> seen = new LinkedHashSet<>();
        seen.add(durable);
        seen.addAll(pending);
        for (Image image : seen) {
            out.add(image.recover(fs));
        }
        return out;
    }

    /**
     * umount and mount: {@code sync} makes everything durable, and the filesystem mounted
     * again has no page cache and no DAX entries; it records crash states if this one did.
     */
    FileSystem remount(Runnable sync) {
        boolean was = recording;
        recording = true;
        sync.run();
        FileSystem after = Image.of(fs).recover(fs);
        recording = was;
        if (was) {
            after.recordCrashStates();
        }
        return after;
    }

    /** dax_finish_sync_fault(): a MAP_SYNC write fault fsyncs before the PTE becomes writable (B7). */
    void syncFault() {
        if (kernel.has(Bug.MAP_SYNC_NOT_DURABLE)) {
            // The bug: the PTE becomes writable with the allocation still only in the
            // running transaction, so a crash can lose a block the application was
            // told it could write to (Jan Kara, "[RFC PATCH 0/7] dax, ext4: Synchronous
            // page faults", 2017: "While a block is writeably mapped ...
            // it is guaranteed to be visible in the file at that offset also after a crash").
            return;
        }
        commit();
    }
}

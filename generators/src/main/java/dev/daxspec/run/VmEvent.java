package dev.daxspec.run;

import java.time.Duration;

/**
 * Progress of a run of a {@link VmPool}. Events are delivered one at a time, never concurrently,
 * on the threads of the pool's VMs, in the order they happen, except {@link JobFinished}, which
 * comes in the order of the jobs. A listener may block: the VM that told it waits.
 */
public sealed interface VmEvent {

    /**
     * VM {@code guest}'s boot number {@code boot} (both from 1) starts qemu to run job {@code job}
     * from phase {@code phase}.
     */
    record Booting(int guest, int boot, String job, int phase) implements VmEvent {}

    /**
     * The guest is ready.
     *
     * @param kernelTime kernel start to guest ready (the guest's uptime)
     * @param wallTime qemu start to guest ready, firmware included
     */
    record Booted(int guest, int boot, Duration kernelTime, Duration wallTime) implements VmEvent {}

    /**
     * VM {@code guest}'s boot {@code boot} ended before the guest was ready, with no kernel
     * report on its console; the next boot tries the same job and phase once more.
     *
     * @param why what happened, with the end of the console
     */
    record BootFailed(int guest, int boot, String why) implements VmEvent {

        /** For a progress log: {@code why} with its console lines indented, then what comes next. */
        public String describe() {
            return why.replace("\n", "\n    ") + "\n    no job ran in it: booting once more at the same place";
        }
    }

    /**
     * VM {@code guest} saved its booted guest ({@link VmOptions#snapshots()}), keeping {@code
     * bytes} of its RAM, in {@code wallTime}; from now on it restores that instead of booting.
     */
    record SnapshotTaken(int guest, long bytes, Duration wallTime) implements VmEvent {}

    /**
     * VM {@code guest} could not save its guest, or restore it: it boots from now on.
     *
     * @param why what qemu or the host said
     */
    record SnapshotDropped(int guest, String why) implements VmEvent {}

    /**
     * VM {@code guest}'s restore number {@code restore} (from 1) starts qemu from its snapshot
     * to run job {@code job} from phase {@code phase}: a crash, kernel error or timeout made it.
     */
    record Restoring(int guest, int restore, String job, int phase) implements VmEvent {}

    /** The restored guest runs again, {@code wallTime} after qemu started. */
    record Restored(int guest, int restore, Duration wallTime) implements VmEvent {}

    /** Phase {@code phase} (from 0) of job {@code id} starts in the guest. */
    record PhaseStarted(String id, int phase) implements VmEvent {}

    /**
     * A job timed out or lost its VM ({@code first} says how); it runs once more on a fresh boot,
     * and its {@link JobFinished} tells how that went.
     */
    record JobRetried(GuestResult first) implements VmEvent {}

    /** A job is over. */
    record JobFinished(GuestResult result) implements VmEvent {}
}

package dev.daxspec.run;

import java.time.Duration;

/**
 * Progress of a {@link Vm#run run}, in the order it happens. Events are delivered on the thread
 * that called {@code run}.
 */
public sealed interface VmEvent {

    /** Boot number {@code boot} (from 1) starts qemu to run job {@code job} from phase {@code phase}. */
    record Booting(int boot, String job, int phase) implements VmEvent {}

    /**
     * The guest is ready.
     *
     * @param kernelTime kernel start to guest ready (the guest's uptime)
     * @param wallTime qemu start to guest ready, firmware included
     */
    record Booted(int boot, Duration kernelTime, Duration wallTime) implements VmEvent {}

    /**
     * Boot {@code boot} ended before the guest was ready, with no kernel report on its console;
     * the next boot tries the same job and phase once more.
     *
     * @param why what happened, with the end of the console
     */
    record BootFailed(int boot, String why) implements VmEvent {

        /** For a progress log: {@code why} with its console lines indented, then what comes next. */
        public String describe() {
            return why.replace("\n", "\n    ") + "\n    no job ran in it: booting once more at the same place";
        }
    }

    /** Phase {@code phase} (from 0) of job {@code id} starts in the guest. */
    record PhaseStarted(String id, int phase) implements VmEvent {}

    /** A job is over. */
    record JobFinished(GuestResult result) implements VmEvent {}
}

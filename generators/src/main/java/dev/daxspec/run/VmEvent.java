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

    /** Phase {@code phase} (from 0) of job {@code id} starts in the guest. */
    record PhaseStarted(String id, int phase) implements VmEvent {}

    /** A job is over. */
    record JobFinished(GuestResult result) implements VmEvent {}
}

package dev.daxspec.run;

import java.time.Duration;

/** What the guest reports on its result port, decoded by {@link SignalDecoder}. */
sealed interface GuestSignal {

    /** The guest booted; {@code uptime} is the kernel's time from start to here. */
    record Ready(Duration uptime) implements GuestSignal {}

    /** The guest waits on its job port for the next phase to run. */
    record Want() implements GuestSignal {}

    /** Phase {@code phase} of job {@code job} starts. */
    record Begin(int job, int phase) implements GuestSignal {}

    /**
     * Phase {@code phase} of job {@code job} ended with {@code result}; {@code kernelError} tells
     * whether the guest saw a kernel error in its log (the guest then resets and skips the job's
     * other phases).
     */
    record End(int job, int phase, GuestPhaseResult result, boolean kernelError) implements GuestSignal {}

    /** The guest cannot run jobs and powers off. */
    record Fatal(String message) implements GuestSignal {}
}

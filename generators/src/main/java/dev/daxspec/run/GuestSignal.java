package dev.daxspec.run;

import java.time.Duration;

/** What the guest reports on its result port, decoded by {@link SignalDecoder}. */
sealed interface GuestSignal {

    /** The guest booted and is about to run job {@code job} from phase {@code phase}. */
    record Ready(int job, int phase, Duration uptime) implements GuestSignal {}

    /** Phase {@code phase} of job {@code job} starts. */
    record Begin(int job, int phase) implements GuestSignal {}

    /**
     * Phase {@code phase} of job {@code job} ended with {@code result}; {@code kernelError} tells
     * whether the guest saw a kernel error in its log (the guest then resets and skips the job's
     * other phases).
     */
    record End(int job, int phase, GuestPhaseResult result, boolean kernelError)
            implements GuestSignal {}

    /** Every job ran; the guest powers off. */
    record Done() implements GuestSignal {}

    /** The guest cannot run jobs and powers off. */
    record Fatal(String message) implements GuestSignal {}
}

package dev.daxspec.run;

import java.util.Objects;

/**
 * What one phase of a {@link GuestJob} did in the guest.
 *
 * <p>Immutable and thread-safe.
 *
 * @param output the phase's stdout and stderr, merged in order, exactly as printed
 * @param exitStatus bash's exit status: 128 + N when the last command was killed by signal N
 *     (135 for SIGBUS)
 * @param kernelLog the kernel log lines printed while the phase ran, without the {@code [ 12.345]}
 *     timestamps, one line per message, each ending in a newline
 */
public record GuestPhaseResult(String output, int exitStatus, String kernelLog) {

    /** Rejects null texts. */
    public GuestPhaseResult {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(kernelLog, "kernelLog");
    }
}

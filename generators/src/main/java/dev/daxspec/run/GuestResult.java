package dev.daxspec.run;

import java.util.List;
import java.util.Objects;

/**
 * The result of one {@link GuestJob}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the job's id
 * @param phases the phases that finished, in order: all of them when the outcome is {@link
 *     Outcome#COMPLETED}, fewer otherwise (the phase that failed is not among them, except on a
 *     {@link Outcome#KERNEL_ERROR} the guest noticed itself after the phase ended)
 * @param outcome how the job ended
 * @param detail empty when completed; otherwise one or more lines saying what happened: the
 *     kernel's report (from {@code ------------[ cut here ]------------} or the first
 *     {@code BUG:}/{@code Oops:}/panic line to {@code ---[ end trace}), what timed out, or why the VM
 *     failed
 */
public record GuestResult(String id, List<GuestPhaseResult> phases, Outcome outcome, String detail) {

    /** How a job ended. */
    public enum Outcome {
        /** Every phase ran to its end (whatever its exit status) and the kernel reported no error. */
        COMPLETED,
        /** A phase ran longer than its timeout; the VM was killed. */
        TIMED_OUT,
        /** The kernel printed an oops, BUG, panic or WARNING while the job ran. */
        KERNEL_ERROR,
        /** The VM failed to boot, died for no reason the kernel printed, or the guest gave up. */
        VM_FAILED
    }

    /** Copies the phases; rejects nulls. */
    public GuestResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        phases = List.copyOf(phases);
    }

    /**
     * What the kernel logged while the phases ran, phase after phase, for a failure's report:
     * {@code "kernel log while it ran:\n"} and the lines, or empty when it logged nothing.
     */
    public String kernelLogReport() {
        StringBuilder sb = new StringBuilder();
        phases.forEach(p -> sb.append(p.kernelLog()));
        return sb.isEmpty() ? "" : "kernel log while it ran:\n" + sb.toString().stripTrailing();
    }
}

package dev.daxspec.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A job for the guest: one or more bash scripts (phases) run one after the other.
 *
 * <p>Each phase runs as {@code bash FILE} with the working directory {@code /}, stdin from
 * {@code /dev/null}, a clean environment ({@code PATH=/bin HOME=/root}) and stdout and stderr
 * merged in order. Between two phases the guest crashes: it resets at once with
 * {@code echo b > /proc/sysrq-trigger}, without a sync, and the next phase runs after a fresh boot
 * on the same persistent memory ({@code /dev/pmem0}); nothing is mounted for it, the phase mounts
 * what it needs. A single-phase job has no crash. After a job's last phase the harness unmounts
 * whatever the job left mounted under {@code /mnt}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a name for reports, not blank
 * @param phases the scripts, at least one
 * @param timeout how long each phase may run before it is killed; {@link Duration#ZERO} means the
 *     {@link VmOptions#jobTimeout() default of the VM}
 */
public record GuestJob(String id, List<String> phases, Duration timeout) {

    /** Validates and copies; throws {@link IllegalArgumentException} on a blank id, no phases or a negative timeout. */
    public GuestJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timeout, "timeout");
        phases = List.copyOf(phases);
        if (id.isBlank()) {
            throw new IllegalArgumentException("a guest job needs a non-blank id");
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("guest job " + id + " has no phases");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("guest job " + id + " has a negative timeout");
        }
    }

    /** A job whose phases run under the VM's default timeout. */
    public GuestJob(String id, List<String> phases) {
        this(id, phases, Duration.ZERO);
    }

    /** This job's timeout, or {@code fallback} when it has none of its own. */
    Duration timeoutOr(Duration fallback) {
        return timeout.isZero() ? fallback : timeout;
    }
}

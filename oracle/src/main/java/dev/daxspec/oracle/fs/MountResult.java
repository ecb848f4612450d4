package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.target.DaxPolicy;
import java.util.List;
import java.util.Optional;

/**
 * What {@code mount} does with a freshly made filesystem on a target: mounted with a DAX
 * policy, or refused with an errno; in both cases the kernel log lines it printed, in
 * order, as {@code dmesg} shows them without timestamps.
 *
 * @param refusal the errno mount(2) returned, empty when the filesystem mounted
 * @param policy which files are DAX; {@link DaxPolicy#NEVER} when refused
 * @param kernelLog the kernel log lines of the mount, e.g.
 *     {@code EXT4-fs (pmem0): DAX unsupported by block device.}
 */
public record MountResult(Optional<Errno> refusal, DaxPolicy policy, List<String> kernelLog) {

    public MountResult {
        kernelLog = List.copyOf(kernelLog);
    }

    static MountResult mounted(DaxPolicy policy, List<String> log) {
        return new MountResult(Optional.empty(), policy, log);
    }

    static MountResult refused(Errno errno, List<String> log) {
        return new MountResult(Optional.of(errno), DaxPolicy.NEVER, log);
    }

    public boolean mounted() {
        return refusal.isEmpty();
    }

    /** mount(8) exits 32 ("mount failure") when the kernel refuses the mount. */
    public int mountExitStatus() {
        return mounted() ? 0 : 32;
    }
}

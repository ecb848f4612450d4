package dev.daxspec.oracle.program;

/**
 * An immediate reboot without sync or unmount (the harness uses {@code sysrq b}; pmem made
 * with {@code memmap=} keeps its contents), then a mount of the same device without mkfs,
 * which replays the journal or log. What survives is what was durable (B7): data on pmem,
 * metadata up to a journal commit. Where the kernel gives no guarantee the oracle allows
 * every outcome it permits. Needs a pmem target: brd loses everything on reboot.
 */
public record CrashStep() implements Step {

    @Override
    public String toString() {
        return "daxspec_crash";
    }
}

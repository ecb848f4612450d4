package dev.daxspec.oracle.explore;

/**
 * Which program-level steps and tools a generated program may use. Every program may use
 * the xfs_io file commands and shared mappings; the rest depends on what the backend can
 * run: a crash needs a machine the harness can reboot, fs_dax tracepoint counts need a
 * kernel whose tracepoints it controls, private mappings need daxspec-probe. Immutable.
 *
 * @param crash {@code daxspec_crash}, on pmem targets only
 * @param trace {@code daxspec_trace} around mapping sessions, on DAX-capable targets
 * @param probe private mappings ({@code mmap -p}) through daxspec-probe
 * @param fill {@code daxspec_fill N} (ENOSPC)
 * @param remount a clean unmount and mount
 */
public record Vocabulary(boolean crash, boolean trace, boolean probe, boolean fill, boolean remount) {

    /** Everything the oracle models: for a kernel variant, or a kernel in the harness's VM. */
    public static final Vocabulary ALL = new Vocabulary(true, true, true, true, true);

    /** What runs on this machine's own kernel: no crash (it would reboot the machine), no tracepoint counts. */
    public static final Vocabulary HOST = new Vocabulary(false, false, true, true, true);

    /** This vocabulary without crashes. */
    public Vocabulary withoutCrash() {
        return new Vocabulary(false, trace, probe, fill, remount);
    }
}

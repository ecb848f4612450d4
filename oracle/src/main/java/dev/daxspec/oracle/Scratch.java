package dev.daxspec.oracle;

import dev.daxspec.oracle.fs.Capacity;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.fs.MountResult;
import dev.daxspec.oracle.fs.MountRules;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.target.Target;
import java.util.Optional;

/**
 * The scratch device of a test: a filesystem made fresh on it with mkfs and mounted at
 * SCRATCH_MNT, or the mount's refusal. The entry point of the model.
 *
 * <p>Not thread-safe; one per program run.
 */
public final class Scratch {

    private final Target target;
    private final MountResult mount;
    private final FileSystem fs;

    private Scratch(Target target, MountResult mount, FileSystem fs) {
        this.target = target;
        this.mount = mount;
        this.fs = fs;
    }

    /** mkfs on the target's device, then mount with its options, on {@code kernel}. */
    public static Scratch make(Target target, Kernel kernel) {
        MountResult m = MountRules.mount(target, kernel);
        FileSystem fs = m.mounted() ? new FileSystem(target, kernel, m.policy(), Capacity.of(target)) : null;
        return new Scratch(target, m, fs);
    }

    public Target target() {
        return target;
    }

    public MountResult mount() {
        return mount;
    }

    /** The mounted filesystem; empty when the mount was refused. */
    public Optional<FileSystem> fs() {
        return Optional.ofNullable(fs);
    }
}

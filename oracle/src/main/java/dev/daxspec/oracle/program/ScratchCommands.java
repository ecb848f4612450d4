package dev.daxspec.oracle.program;

import dev.daxspec.oracle.target.Target;

/**
 * The shell commands that make and mount a target's filesystem, with the device and
 * mount point spelled {@code SCRATCH_DEV} and {@code SCRATCH_MNT}. Transcripts print them
 * and scripts run them (with the placeholders turned into variables), so the two cannot
 * drift apart. The filesystem is made with the target's size even on a larger device.
 */
public final class ScratchCommands {

    private ScratchCommands() {}

    public static String mkfs(Target t) {
        String mkeSize = (t.device().size() >> 10) + "k";
        String xfsSize = (t.device().size() >> 20) + "m";
        return switch (t.fs()) {
            case EXT4 -> "mkfs.ext4 -q -F -b " + t.blockSize() + " SCRATCH_DEV " + mkeSize;
            case EXT2 -> "mkfs.ext2 -q -F -b " + t.blockSize() + " SCRATCH_DEV " + mkeSize;
            case XFS -> "mkfs.xfs -q -f -b size=" + t.blockSize() + " -d size=" + xfsSize + " SCRATCH_DEV";
        };
    }

    public static String mount(Target t) {
        String opts = t.mount().spelled();
        return "mount -t " + t.fs().fsName() + (opts.isEmpty() ? "" : " -o " + opts) + " SCRATCH_DEV SCRATCH_MNT";
    }

    public static String umount() {
        return "umount SCRATCH_MNT";
    }

    /** The kernel's name for the scratch device: {@code pmem0} or {@code ram0}. */
    public static String device(Target t) {
        return "/dev/" + t.device().kernelName();
    }
}

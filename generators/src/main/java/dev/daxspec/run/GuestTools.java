package dev.daxspec.run;

/**
 * The programs the guest image carries, beyond the modules and the guest init: what
 * {@code ci/vm/mkinitramfs} packs with and without {@code --xfstests}.
 */
public enum GuestTools {
    /**
     * busybox with its applets, bash, util-linux {@code mount}, {@code umount} and {@code blkid},
     * {@code xfs_io}, {@code mkfs.xfs}, {@code xfs_repair}, {@code mke2fs}, {@code e2fsck} and
     * {@code daxspec-probe}: what the shell suite and the conformance cases run.
     */
    MINIMAL,
    /**
     * The minimal tools, plus under {@code /opt/xfstests/bin} what xfstests' {@code ./check} and
     * {@code common/*} run that busybox lacks or does differently (GNU coreutils, diffutils, grep,
     * sed, util-linux, perl with its core modules, bc, the rest of xfsprogs and e2fsprogs). Jobs
     * that want them put that directory first in {@code PATH}; {@code /bin} is as in {@link
     * #MINIMAL}.
     */
    XFSTESTS
}

package dev.daxspec.oracle.fs;

import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.target.DaxOption;
import dev.daxspec.oracle.target.DaxPolicy;
import dev.daxspec.oracle.target.Device;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * What mounting a freshly made filesystem does on each target (B3, B11): refuse it, mount
 * it with DAX, or mount it with DAX turned off, and which kernel log lines of priority
 * warning or higher that prints. Informational lines ("mounted filesystem with ordered
 * data mode", "Mounting V5 Filesystem") are left out: ext4 rate-limits its mount messages
 * (ext4_mount_msg_ratelimit, 64 per 30 s), so they are not reliably there.
 */
public final class MountRules {

    private MountRules() {}

    public static MountResult mount(Target target, Kernel kernel) {
        return target.fs().isExt4Driver() ? ext4(target, kernel) : xfs(target, kernel);
    }

    /**
     * A mount after a crash, and every mount after that one: as {@link #mount}, and a
     * filesystem without a journal (ext2) says it was not checked. ext4_setup_super() clears
     * EXT4_VALID_FS in the on-disk s_state when it mounts a filesystem that has no journal,
     * and ext4_put_super() writes back the state the mount found (sbi->s_mount_state): a
     * clean unmount leaves valid what was valid, and unchecked what was unchecked. So the
     * next mount after a crash finds it clear and warns ("warning: mounting unchecked fs,
     * running e2fsck is recommended", KERN_WARNING), and so does every mount after it, until
     * e2fsck. A journal keeps s_state valid: recovery stands in for fsck. xfs always has its
     * log. Found by daxspec explore on Debian 6.1 (a crash and nothing else, on ext2; then a
     * crash and a remount).
     */
    public static MountResult mountAfterCrash(Target target, Kernel kernel) {
        MountResult m = mount(target, kernel);
        if (!m.mounted() || target.fs() != Filesystem.EXT2) {
            return m;
        }
        List<String> log = new ArrayList<>(m.kernelLog());
        log.add(target.fs().logPrefix() + " (" + target.device().kernelName()
                + "): warning: mounting unchecked fs, running e2fsck is recommended");
        return MountResult.mounted(m.policy(), log);
    }

    /**
     * fs/ext4/super.c, __ext4_fill_super(): a block size above PAGE_SIZE fails in
     * ext4_load_super() ("bad block size"); ext2 takes only the legacy dax option; a DAX device with a block size other than
     * PAGE_SIZE logs "unsupported blocksize for DAX" whatever the options; dax=always (or
     * the legacy dax) then refuses the mount unless the device and block size allow DAX.
     */
    private static MountResult ext4(Target t, Kernel kernel) {
        List<String> log = new ArrayList<>();
        String p = t.fs().logPrefix() + " (" + t.device().kernelName() + "): ";
        int bs = t.blockSize();
        if (bs > t.pageSize()) {
            log.add(p + "bad block size " + bs);
            return MountResult.refused(Errno.EINVAL, log);
        }
        DaxOption dax = t.mount().dax();
        if (t.fs() == Filesystem.EXT2 && dax != DaxOption.UNSPECIFIED && dax != DaxOption.LEGACY) {
            // ext4_check_opt_consistency(): dax=... is MOPT_EXT4_ONLY, and the message has
            // no device because it is printed before the superblock is set up.
            log.add(t.fs().logPrefix() + ": Mount option(s) incompatible with ext2");
            return MountResult.refused(Errno.EINVAL, log);
        }
        boolean daxDevice = t.device().kind().supportsDax();
        boolean bdevIsDax = daxDevice && blockSizeAllowsDax(t, kernel);
        if (daxDevice && !bdevIsDax) {
            // The format string ends in "\n" and ext4_msg() adds another: an empty line follows.
            log.add(p + "unsupported blocksize for DAX");
            log.add("");
        }
        if (dax.always()) {
            if (!bdevIsDax) {
                log.add(p + "DAX unsupported by block device.");
                return MountResult.refused(Errno.EINVAL, log);
            }
            return MountResult.mounted(DaxPolicy.ALWAYS, log);
        }
        return MountResult.mounted(dax == DaxOption.NEVER ? DaxPolicy.NEVER : DaxPolicy.INODE, log);
    }

    /**
     * fs/xfs/xfs_super.c: a block size above PAGE_SIZE fails with ENOSYS in
     * xfs_fs_fill_super(); xfs_setup_dax_always() turns DAX off, with an alert, when the
     * device has no dax_device or the block size is not PAGE_SIZE, and mounts anyway.
     */
    private static MountResult xfs(Target t, Kernel kernel) {
        List<String> log = new ArrayList<>();
        String p = "XFS (" + t.device().kernelName() + "): ";
        int bs = t.blockSize();
        if (bs > t.pageSize()) {
            log.add(p + "File system with blocksize " + bs + " bytes. Only pagesize (" + t.pageSize()
                    + ") or less will currently work.");
            return MountResult.refused(Errno.ENOSYS, log);
        }
        DaxOption dax = t.mount().dax();
        if (!dax.always()) {
            return MountResult.mounted(dax == DaxOption.NEVER ? DaxPolicy.NEVER : DaxPolicy.INODE, log);
        }
        if (!t.device().kind().supportsDax()) {
            log.add(p + "DAX unsupported by block device. Turning off DAX.");
            return MountResult.mounted(DaxPolicy.NEVER, log);
        }
        if (!blockSizeAllowsDax(t, kernel)) {
            log.add(p + "DAX not supported for blocksize. Turning off DAX.");
            return MountResult.mounted(DaxPolicy.NEVER, log);
        }
        log.add(p + "DAX enabled. Warning: EXPERIMENTAL, use at your own risk");
        return MountResult.mounted(DaxPolicy.ALWAYS, log);
    }

    /**
     * DAX maps file blocks straight into page tables, so a block must be a page: the rule
     * since ext2 XIP ("XIP: Unsupported blocksize"). A device sector smaller than a page
     * is fine: Nick Piggin's ext2 XIP block-size patch (in the thread "Re: [patch] mm: fix
     * XIP file writes", linux-kernel, Dec 2007) dropped the check of
     * {@code sb->s_blocksize}, acked by Carsten Otte.
     */
    private static boolean blockSizeAllowsDax(Target t, Kernel kernel) {
        if (kernel.has(Bug.XIP_BLOCKSIZE_CHECK_HARDSECT)) {
            // The pre-2008 check: the device's sector size had to be PAGE_SIZE too.
            return t.blockSize() == t.pageSize() && Device.LOGICAL_SECTOR_SIZE == t.pageSize();
        }
        if (kernel.has(Bug.XIP_BLOCKSIZE_CHECK_MISSING)) {
            return true;
        }
        return t.blockSize() == t.pageSize();
    }
}

package dev.daxspec.oracle.kernel;

import java.util.List;
import java.util.Set;

/**
 * What a correct kernel does where correct kernels differ for good reasons: by release,
 * and by configuration where it matters. Each behaviour the profile selects cites the
 * change behind it. Immutable.
 *
 * @param release the kernel release the profile is for ({@code uname -r}), or empty when
 *     unknown
 * @param xfsAttrForkOnCreate whether xfs gives every new file an attribute fork, so that
 *     FS_XFLAG_HASATTR shows in {@code fsxattr.xflags}. xfs_create_need_xattr() asks for one
 *     when the superblock has an LSM security blob ("xfs: initialise attr fork on inode
 *     create", Dave Chinner, 5 Mar 2021, {@code <20210305051143.182133-2-david@fromorbit.com>},
 *     Linux 5.13). Until Linux 6.11 only SELinux and Smack gave a superblock one; since the LSM
 *     framework allocates the superblock blob itself ("lsm: infrastructure management of the
 *     superblock", Linux 6.11), Landlock and the BPF LSM do too, so a 6.18 kernel with Landlock
 *     active shows the flag where 6.1 with the same modules did not.
 * @param xfsFreesEofBlocksOnce whether xfs frees a file's blocks past EOF only at the first
 *     close that finds any ("xfs: only free posteof blocks on first close", Christoph Hellwig,
 *     23 Jun 2024, {@code <20240623053532.857496-8-hch@lst.de>}, commit f1204d96450f, Linux
 *     6.11: XFS_EOFBLOCKS_RELEASED); before, every close frees them until one finds delayed
 *     allocations left (XFS_IDIRTY_RELEASE)
 */
public record KernelProfile(String release, boolean xfsAttrForkOnCreate, boolean xfsFreesEofBlocksOnce) {

    /** The harness's kernel: Debian's 6.1 in the VM, no LSM with a superblock blob. */
    public static final KernelProfile DEFAULT = new KernelProfile("", false, false);

    /** The LSMs that give a superblock a security blob before Linux 6.11. */
    private static final Set<String> SB_BLOB_BEFORE_6_11 = Set.of("selinux", "smack");

    /** ... and from Linux 6.11 on. */
    private static final Set<String> SB_BLOB_SINCE_6_11 = Set.of("selinux", "smack", "landlock", "bpf");

    /**
     * The profile of {@code release} with the active LSMs {@code lsms} (the contents of
     * {@code /sys/kernel/security/lsm}).
     */
    public static KernelProfile of(String release, List<String> lsms) {
        boolean since611 = atLeast(release, 6, 11);
        Set<String> blob = since611 ? SB_BLOB_SINCE_6_11 : SB_BLOB_BEFORE_6_11;
        return new KernelProfile(release, lsms.stream().anyMatch(blob::contains), since611);
    }

    /**
     * Parses {@code RELEASE[:LSM,LSM...]}, e.g. {@code 6.18.44:lockdown,capability,landlock,bpf}
     * or {@code 6.1.0-57-amd64}.
     *
     * @throws IllegalArgumentException naming the text when the release does not start with MAJOR.MINOR
     */
    public static KernelProfile parse(String text) {
        int colon = text.indexOf(':');
        String release = colon < 0 ? text.strip() : text.substring(0, colon).strip();
        List<String> lsms = colon < 0
                ? List.of()
                : List.of(text.substring(colon + 1).strip().split("\\s*,\\s*"));
        if (!release.matches("\\d+\\.\\d+.*")) {
            throw new IllegalArgumentException("kernel profile '" + text + "': expected RELEASE[:LSM,...], e.g."
                    + " 6.18.44:lockdown,capability,landlock,bpf");
        }
        return of(release, lsms);
    }

    private static boolean atLeast(String release, int major, int minor) {
        String[] p = release.split("[.-]");
        try {
            int ma = Integer.parseInt(p[0]);
            int mi = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (release.isEmpty() ? "default" : release)
                + (xfsAttrForkOnCreate ? ", xfs files get an attr fork" : "")
                + (xfsFreesEofBlocksOnce ? ", xfs frees blocks past EOF at the first close only" : "");
    }
}

package dev.daxspec.suite;

import dev.daxspec.emit.Suite;
import dev.daxspec.oracle.target.DeviceKind;
import java.util.List;
import java.util.Locale;

/**
 * A section of the {@code local.config} that {@code daxspec run --format xfstests} gives
 * xfstests' {@code ./check} in the guest (README.config-sections): a filesystem and the kind of
 * device SCRATCH_DEV is. The guest has one device of each kind, so TEST_DEV is the other one:
 *
 * <pre>
 * [ext4-pmem]                         [ext4-brd]
 * FSTYP=ext4                          FSTYP=ext4
 * TEST_DEV=/dev/ram0                  TEST_DEV=/dev/pmem0
 * SCRATCH_DEV=/dev/pmem0              SCRATCH_DEV=/dev/ram0
 * MOUNT_OPTIONS="-o dax=always"       (no MOUNT_OPTIONS)
 * </pre>
 *
 * <p>A pmem section mounts the scratch filesystem with {@code dax=always}, so a page-cache
 * test (its {@code _exclude_scratch_mount_option dax}) is not run there and a DAX test is; a
 * brd section has no DAX, so {@code _require_scratch_dax_mountopt} does not run a DAX test there.
 * MOUNT_OPTIONS is the scratch device's only: TEST_DEV mounts with {@code _common_mount_opts}
 * (common/config), so the brd TEST_DEV of a pmem section mounts without DAX.
 *
 * @param fs {@code ext4} or {@code xfs}, as FSTYP
 * @param device the kind of SCRATCH_DEV
 */
public record XfstestsSection(String fs, DeviceKind device) {

    /** The filesystems a section can have. */
    public static final List<String> FILESYSTEMS = List.of("ext4", "xfs");

    /** Where the guest's TEST_DEV and SCRATCH_DEV are mounted. */
    static final String TEST_DIR = "/mnt/test";

    /** Checks the filesystem; throws {@link IllegalArgumentException} naming the ones there are. */
    public XfstestsSection {
        if (!FILESYSTEMS.contains(fs)) {
            throw new IllegalArgumentException("no xfstests section for filesystem '" + fs + "' (there are "
                    + String.join(", ", FILESYSTEMS) + ")");
        }
    }

    /** The section's name: {@code ext4-pmem}, {@code xfs-brd}. */
    public String name() {
        return fs + "-" + device.deviceName();
    }

    /** The guest's SCRATCH_DEV. */
    String scratchDev() {
        return "/dev/" + device.kernelName();
    }

    /** The guest's TEST_DEV: the device of the other kind. */
    String testDev() {
        return "/dev/" + (device == DeviceKind.PMEM ? DeviceKind.BRD : DeviceKind.PMEM).kernelName();
    }

    /**
     * Whether a test of {@code test} (its path in the suite) runs in this section: one of
     * {@code tests/generic} or of this section's {@code tests/FSTYP}, whose expected output was
     * predicted on this section's kind of device (in any other section it would not be run).
     */
    boolean runs(Suite.Test test) {
        String dir = test.path().replaceFirst("^tests/([^/]+)/.*$", "$1");
        return test.device() == device && (dir.equals("generic") || dir.equals(fs));
    }

    /** The section's lines of {@code local.config}, the header first. */
    String config(String resultBase) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(name()).append("]\n");
        sb.append("FSTYP=").append(fs).append('\n');
        sb.append("TEST_DEV=").append(testDev()).append('\n');
        sb.append("TEST_DIR=").append(TEST_DIR).append('\n');
        sb.append("SCRATCH_DEV=").append(scratchDev()).append('\n');
        sb.append("SCRATCH_MNT=").append(SuiteRunner.SCRATCH_MNT).append('\n');
        sb.append("MOUNT_OPTIONS=")
                .append(device.supportsDax() ? "\"-o dax=always\"" : "\"\"")
                .append('\n');
        sb.append("RESULT_BASE=").append(resultBase).append('\n');
        return sb.toString();
    }

    /** The command that makes TEST_DEV's filesystem, which {@code ./check} mounts but does not make. */
    String mkfsTestDev() {
        return String.format(Locale.ROOT, "mkfs.%s %s %s", fs, fs.equals("xfs") ? "-q -f" : "-q -F", testDev());
    }
}

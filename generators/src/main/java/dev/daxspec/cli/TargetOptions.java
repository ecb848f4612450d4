package dev.daxspec.cli;

import dev.daxspec.oracle.geometry.ByteSize;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.Target;
import picocli.CommandLine.Option;

/** The target options shared by the commands that make a filesystem in the model. */
final class TargetOptions {

    @Option(
            names = "--fs",
            paramLabel = "FS",
            defaultValue = "ext4",
            description = "Filesystem: ext4, xfs, or ext2 (mounted by the ext4 driver). Default: ${DEFAULT-VALUE}.")
    String fs;

    @Option(
            names = "--device",
            paramLabel = "DEV",
            defaultValue = "pmem",
            description = "Scratch device: pmem (DAX-capable) or brd (page cache only since Linux 4.15)."
                    + " Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(
            names = "--device-size",
            paramLabel = "SIZE",
            description = "Device size, e.g. 512MiB, 1G. Default: 512MiB (xfs needs at least 300MiB).")
    String deviceSize;

    @Option(
            names = "--mount",
            paramLabel = "OPTS",
            defaultValue = "dax=always",
            description = "Mount options: dax, dax=always, dax=never, dax=inode, or defaults."
                    + " Default: ${DEFAULT-VALUE}.")
    String mount;

    @Option(
            names = "--block-size",
            paramLabel = "N",
            defaultValue = "4096",
            description = "Filesystem block size: 1024, 2048, 4096 or 65536. Default: ${DEFAULT-VALUE}.")
    String blockSize;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "4096",
            description = "PAGE_SIZE: 4096, or 16384 and 65536 as on arm64 and ppc64. Default: ${DEFAULT-VALUE}.")
    String pageSize;

    Target target() {
        Target.Builder b = Target.builder()
                .fs(Filesystem.parse(fs))
                .device(DeviceKind.parse(device))
                .mount(mount)
                .blockSize(intSize("--block-size", blockSize))
                .pageSize(intSize("--page-size", pageSize));
        if (deviceSize != null) {
            b.deviceSize(ByteSize.parse(deviceSize));
        }
        return b.build();
    }

    private static int intSize(String option, String text) {
        long v = ByteSize.parse(text);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " " + text + " is too large");
        }
        return (int) v;
    }
}

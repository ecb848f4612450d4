package dev.daxspec.oracle.testing;

import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import dev.daxspec.oracle.target.Target;
import java.util.ArrayList;
import java.util.List;

/** The target matrices rule tests run across, jimfs-style. */
public final class Targets {

    private Targets() {}

    /** Every filesystem, on pmem with DAX and on brd through the page cache, at each block size and page size it allows. */
    public static List<Target> all() {
        List<Target> out = new ArrayList<>();
        for (Filesystem fs : Filesystem.values()) {
            for (int page : new int[] {4096, 16384, 65536}) {
                // DAX: block size must equal the page size; ext2 takes only the legacy option.
                out.add(target(
                        fs,
                        DeviceKind.PMEM,
                        fs == Filesystem.EXT2 ? MountOptions.DAX_LEGACY : MountOptions.DAX_ALWAYS,
                        page,
                        page));
                for (int block : new int[] {1024, 2048, 4096}) {
                    out.add(target(fs, DeviceKind.BRD, MountOptions.NONE, page, block));
                }
            }
        }
        return out;
    }

    /** ext4 and xfs with DAX, and both through the page cache, at x86-64's geometry. */
    public static List<Target> x86() {
        List<Target> out = new ArrayList<>();
        for (Filesystem fs : List.of(Filesystem.EXT4, Filesystem.XFS)) {
            out.add(target(fs, DeviceKind.PMEM, MountOptions.DAX_ALWAYS, 4096, 4096));
            out.add(target(fs, DeviceKind.BRD, MountOptions.NONE, 4096, 4096));
            out.add(target(fs, DeviceKind.BRD, MountOptions.NONE, 4096, 1024));
        }
        return out;
    }

    public static Target target(Filesystem fs, DeviceKind dev, MountOptions mount, int page, int block) {
        return Target.builder()
                .fs(fs)
                .device(dev)
                .mount(mount)
                .pageSize(page)
                .blockSize(block)
                .build();
    }
}

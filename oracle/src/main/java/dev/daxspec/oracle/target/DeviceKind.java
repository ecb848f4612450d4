package dev.daxspec.oracle.target;

import java.util.Locale;

/**
 * The two memory-backed block devices the harness can make.
 *
 * <p>brd served XIP from 2.6.25 (seed 004: Nick Piggin's "Support direct_access XIP
 * method with brd") until Linux 4.15 removed its DAX support (commit 7a862fbbdec6,
 * "brd: remove dax support"); today only pmem ({@code memmap=} or an nvdimm) offers DAX
 * (DESIGN.md B11).
 */
public enum DeviceKind {
    /** Emulated persistent memory, {@code /dev/pmem0}: a DAX device. */
    PMEM("pmem", "pmem0", true),
    /** The RAM block device, {@code /dev/ram0}: page cache only since 4.15. */
    BRD("brd", "ram0", false);

    private final String name;
    private final String kernelName;
    private final boolean dax;

    DeviceKind(String name, String kernelName, boolean dax) {
        this.name = name;
        this.kernelName = kernelName;
        this.dax = dax;
    }

    public String deviceName() {
        return name;
    }

    /** The block device name the kernel logs: {@code pmem0}, {@code ram0}. */
    public String kernelName() {
        return kernelName;
    }

    /** Whether {@code fs_dax_get_by_bdev()} finds a dax_device behind it. */
    public boolean supportsDax() {
        return dax;
    }

    /** Parses {@code pmem} or {@code brd}, or the kernel's device name: {@code pmem0}, {@code /dev/ram0}. */
    public static DeviceKind parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (DeviceKind kind : values()) {
            if (kind.name.equals(t) || kind.kernelName.equals(t) || ("/dev/" + kind.kernelName).equals(t)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown device '" + text + "' (known: pmem, brd)");
    }

    @Override
    public String toString() {
        return name;
    }
}

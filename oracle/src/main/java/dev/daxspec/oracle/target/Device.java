package dev.daxspec.oracle.target;

import dev.daxspec.oracle.geometry.ByteSize;

/**
 * A scratch block device: its kind and size in bytes.
 *
 * @param kind pmem or brd
 * @param size bytes; a multiple of 1 MiB, as both drivers are sized
 */
public record Device(DeviceKind kind, long size) {

    /** Both pmem and brd report 512-byte logical sectors (brd sets only the physical size). */
    public static final int LOGICAL_SECTOR_SIZE = 512;

    public Device {
        if (kind == null) {
            throw new IllegalArgumentException("device kind is missing");
        }
        if (size < (1L << 20) || size % (1L << 20) != 0) {
            throw new IllegalArgumentException(
                    "device size " + size + " is not a whole number of MiB of at least 1 MiB");
        }
    }

    public String kernelName() {
        return kind.kernelName();
    }

    @Override
    public String toString() {
        return kind + " (" + ByteSize.format(size) + ")";
    }
}

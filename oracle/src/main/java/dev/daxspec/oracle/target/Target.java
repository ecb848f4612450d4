package dev.daxspec.oracle.target;

import dev.daxspec.oracle.geometry.Geometry;

/**
 * Where a program runs: a filesystem made fresh on a device, mounted with options, with a
 * block size and a page size. Immutable and thread-safe.
 *
 * <p>Presets cover the common targets; {@link #builder()} starts from {@link #DEFAULT}
 * (ext4 on a 512 MiB pmem device, {@code dax=always}, 4 KiB blocks and pages) and its
 * checks name the bad value.
 */
public record Target(Filesystem fs, Device device, MountOptions mount, Geometry geometry) {

    /** mkfs.xfs refuses anything smaller: "Filesystem must be larger than 300MB." */
    public static final long XFS_MIN_DEVICE = 300L << 20;

    public static final long DEFAULT_DEVICE_SIZE = 512L << 20;

    public static final Target DEFAULT = new Target(
            Filesystem.EXT4,
            new Device(DeviceKind.PMEM, DEFAULT_DEVICE_SIZE),
            MountOptions.DAX_ALWAYS,
            Geometry.X86_64);

    public Target {
        if (fs == null || device == null || mount == null || geometry == null) {
            throw new IllegalArgumentException("a target needs a filesystem, a device, mount options and a geometry");
        }
        int bs = geometry.blockSize();
        if (bs < 1024) {
            throw new IllegalArgumentException("block size " + bs + " is below what mkfs." + fs + " makes (1024)");
        }
        if (fs == Filesystem.XFS && device.size() < XFS_MIN_DEVICE) {
            throw new IllegalArgumentException("xfs needs a device of at least 300 MiB, not " + (device.size() >> 20)
                    + " MiB (mkfs.xfs: Filesystem must be larger than 300MB)");
        }
    }

    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int blockSize() {
        return geometry.blockSize();
    }

    public int pageSize() {
        return geometry.pageSize();
    }

    /** One line for reports: {@code ext4 on pmem (512MiB), dax=always, page 4096, block 4096}. */
    @Override
    public String toString() {
        return fs + " on " + device + ", " + mount + ", " + geometry;
    }

    /** Builds a {@link Target}; each setter's check names the value it refuses. */
    public static final class Builder {
        private Filesystem fs;
        private DeviceKind deviceKind;
        private long deviceSize;
        private boolean deviceSizeSet;
        private MountOptions mount;
        private int pageSize;
        private int blockSize;

        Builder(Target from) {
            fs = from.fs;
            deviceKind = from.device.kind();
            deviceSize = from.device.size();
            mount = from.mount;
            pageSize = from.pageSize();
            blockSize = from.blockSize();
        }

        public Builder fs(Filesystem value) {
            fs = value;
            return this;
        }

        public Builder device(DeviceKind value) {
            deviceKind = value;
            return this;
        }

        public Builder deviceSize(long bytes) {
            deviceSize = bytes;
            deviceSizeSet = true;
            return this;
        }

        public Builder mount(MountOptions value) {
            mount = value;
            return this;
        }

        public Builder mount(String options) {
            return mount(MountOptions.parse(options));
        }

        public Builder pageSize(int value) {
            pageSize = value;
            return this;
        }

        public Builder blockSize(int value) {
            blockSize = value;
            return this;
        }

        public Target build() {
            long size = deviceSize;
            // Only the default grows for xfs; a size the user chose is checked, not changed.
            if (!deviceSizeSet && fs == Filesystem.XFS && size < XFS_MIN_DEVICE) {
                size = XFS_MIN_DEVICE;
            }
            return new Target(fs, new Device(deviceKind, size), mount, Geometry.of(pageSize, blockSize));
        }
    }
}

package dev.daxspec.oracle.target;

import java.util.Arrays;
import java.util.Locale;

/**
 * The filesystems the oracle models. {@link #EXT2} is an ext2 filesystem as Debian's
 * kernel mounts it: with the ext4 driver ({@code CONFIG_EXT4_USE_FOR_EXT2}), so no
 * extents, no journal, block-mapped files.
 */
public enum Filesystem {
    EXT4("ext4", "EXT4-fs"),
    XFS("xfs", "XFS"),
    EXT2("ext2", "EXT4-fs");

    private final String name;
    private final String logPrefix;

    Filesystem(String name, String logPrefix) {
        this.name = name;
        this.logPrefix = logPrefix;
    }

    /** The name mkfs and mount use: {@code ext4}, {@code xfs}, {@code ext2}. */
    public String fsName() {
        return name;
    }

    /** The prefix of the driver's kernel log lines, before {@code " (pmem0): "}. */
    public String logPrefix() {
        return logPrefix;
    }

    /** True for the filesystems driven by fs/ext4. */
    public boolean isExt4Driver() {
        return this != XFS;
    }

    /** Parses {@code ext4}, {@code xfs} or {@code ext2}; the message lists what is accepted. */
    public static Filesystem parse(String text) {
        for (Filesystem fs : values()) {
            if (fs.name.equals(text.toLowerCase(Locale.ROOT))) {
                return fs;
            }
        }
        throw new IllegalArgumentException("unknown filesystem '" + text + "' (known: "
                + String.join(
                        ", ", Arrays.stream(values()).map(Filesystem::fsName).toList()) + ")");
    }

    @Override
    public String toString() {
        return name;
    }
}

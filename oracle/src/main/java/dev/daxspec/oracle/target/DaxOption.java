package dev.daxspec.oracle.target;

/**
 * What the mount options ask of DAX. The kernel's own words: {@code dax=always},
 * {@code dax=never}, {@code dax=inode}, the legacy {@code -o dax} (an alias of
 * {@code dax=always} since 5.8), or nothing (which is {@code dax=inode}).
 */
public enum DaxOption {
    /** No DAX option given. */
    UNSPECIFIED,
    /** {@code dax}. */
    LEGACY,
    /** {@code dax=always}. */
    ALWAYS,
    /** {@code dax=never}. */
    NEVER,
    /** {@code dax=inode}. */
    INODE;

    /** True for the options that make every regular file DAX: {@code dax} and {@code dax=always}. */
    public boolean always() {
        return this == LEGACY || this == ALWAYS;
    }
}

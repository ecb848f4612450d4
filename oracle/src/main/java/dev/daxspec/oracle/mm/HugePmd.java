package dev.daxspec.oracle.mm;

/** A PMD that maps a whole 2 MiB (PMD_SIZE) range of a mapping at once. */
public enum HugePmd {
    /** The huge zero page, read-only: a read fault over a 2 MiB hole (dax_pmd_load_hole()). */
    ZERO,
    /** 2 MiB of the file's blocks, read-only until a write fault. */
    BLOCK_READ,
    /** 2 MiB of the file's blocks, writable. */
    BLOCK_WRITE
}

package dev.daxspec.oracle.mm;

/**
 * An entry in a DAX file's mapping (the address_space xarray), by page index. Entries
 * outlive the mappings that made them: a later mmap of the file finds them. PMD entries
 * cover PMD_SIZE, aligned.
 */
public enum DaxEntry {
    /** A 4 KiB zero-page entry (dax_load_hole()). */
    ZERO,
    /**
     * A 4 KiB entry that maps nothing: grab_mapping_entry() made it for a copy-on-write
     * fault of a private mapping, which then copied the page without inserting one.
     */
    EMPTY,
    /** A 4 KiB entry for a block. */
    BLOCK,
    /** A huge zero page entry covering a PMD (dax_pmd_load_hole()). */
    PMD_ZERO,
    /** A PMD entry for 2 MiB of blocks. */
    PMD_BLOCK;

    public boolean pmd() {
        return this == PMD_ZERO || this == PMD_BLOCK;
    }
}

package dev.daxspec.series;

/** Where the functions a change touches were learnt from. */
public enum FunctionBasis {
    /**
     * From the whole file before and after the change: a commit read from a
     * repository, or a mailed patch applied to {@code --repo}. Exact.
     */
    FILE_CONTENT,
    /**
     * From the patch alone: hunk headers and the hunk's own lines, read in the
     * kernel's coding style. Good for kernel code; can miss a function whose
     * signature is neither in the hunk nor in its header.
     */
    PATCH_TEXT,
    /** Not C source (or binary): the change counts for the whole file. */
    NONE
}

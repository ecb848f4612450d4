package dev.daxspec.oracle.program;

/**
 * Fills the filesystem so that exactly {@code freeBlocks} blocks are left for files
 * (ENOSPC tests, B9). Scripts do it with two preallocated filler files,
 * {@code .fill0} and {@code .fill1}, sized from statfs at run time (less ext4's
 * reserved_clusters), so the test works on any device size; the second filler is small
 * enough that its extents fit in its inode and the count comes out exact.
 */
public record FillStep(long freeBlocks) implements Step {

    public FillStep {
        if (freeBlocks < 0) {
            throw new IllegalArgumentException("cannot leave " + freeBlocks + " blocks free");
        }
    }

    @Override
    public String toString() {
        return "daxspec_fill " + freeBlocks;
    }
}

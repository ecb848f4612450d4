package dev.daxspec.oracle.storage;

import java.util.List;

/**
 * A file's mapping from logical filesystem blocks to {@link BlockState}: the extent tree
 * of ext4, the data fork of xfs, the block map of ext2. Blocks with no state are holes.
 * Adjacent blocks in the same state form one run; whether a filesystem records one run as
 * one extent is its own business (see the filesystem profiles).
 *
 * <p>Not thread-safe; owned by one inode.
 */
public final class ExtentMap {

    private final RangeMap<BlockState> blocks = new RangeMap<>();

    /** The state of block {@code block}, or null for a hole. */
    public BlockState state(long block) {
        return blocks.get(block);
    }

    /** Gives blocks {@code [start, end)} the state {@code state}. */
    public void set(long start, long end, BlockState state) {
        blocks.put(start, end, state);
    }

    /** Makes blocks {@code [start, end)} a hole (frees them). */
    public void clear(long start, long end) {
        blocks.remove(start, end);
    }

    /** Runs of allocated or reserved blocks intersecting {@code [start, end)}, clipped. */
    public List<RangeMap.Run<BlockState>> runs(long start, long end) {
        return blocks.runs(start, end);
    }

    /** Every run, in block order. */
    public List<RangeMap.Run<BlockState>> runs() {
        return blocks.runs();
    }

    /** The whole run (adjacent blocks in one state) holding {@code block}; null in a hole. */
    public RangeMap.Run<BlockState> runAt(long block) {
        return blocks.runAt(block);
    }

    /** The first run ending after {@code block}, clipped to start at it; null when none. */
    public RangeMap.Run<BlockState> nextRun(long block) {
        return blocks.nextRun(block);
    }

    /** Blocks in {@code [start, end)} that are not holes. */
    public long mapped(long start, long end) {
        return blocks.covered(start, end);
    }

    /** Blocks that are not holes, in the whole file. */
    public long mapped() {
        return blocks.covered(0, Long.MAX_VALUE);
    }

    /** Blocks in {@code [start, end)} that are holes. */
    public long holes(long start, long end) {
        return (end - start) - mapped(start, end);
    }

    @Override
    public String toString() {
        return blocks.toString();
    }
}

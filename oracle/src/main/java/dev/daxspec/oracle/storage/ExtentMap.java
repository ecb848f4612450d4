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

    /** Extent lengths the filesystems cap extents at, for {@link #records}. */
    private static final long[] CAPS = {1L << 15, (1L << 15) - 1, (1L << 21) - 1};

    private long mapped;
    private final long[] runCount = new long[BlockState.values().length];
    /** By state and cap: the sum over runs of (length - 1) / cap, the extra records long runs take. */
    private final long[][] extra = new long[BlockState.values().length][CAPS.length];

    private final RangeMap<BlockState> blocks = new RangeMap<>(new RangeMap.Listener<>() {
        @Override
        public void added(RangeMap.Run<BlockState> r) {
            count(r, 1);
        }

        @Override
        public void removed(RangeMap.Run<BlockState> r) {
            count(r, -1);
        }
    });

    private void count(RangeMap.Run<BlockState> r, int sign) {
        int s = r.value().ordinal();
        mapped += sign * r.length();
        runCount[s] += sign;
        for (int c = 0; c < CAPS.length; c++) {
            extra[s][c] += sign * ((r.length() - 1) / CAPS[c]);
        }
    }

    /**
     * How many extent records the runs in {@code state} take when an extent holds at most
     * {@code cap} blocks (32768, 32767 or 2^21 - 1), kept up to date as the map changes.
     */
    public long records(BlockState state, long cap) {
        for (int c = 0; c < CAPS.length; c++) {
            if (CAPS[c] == cap) {
                return runCount[state.ordinal()] + extra[state.ordinal()][c];
            }
        }
        throw new IllegalArgumentException("no extent cap " + cap);
    }

    /** How many runs (maximal stretches of one state) hold {@code state}. */
    public long runs(BlockState state) {
        return runCount[state.ordinal()];
    }

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

    /** Blocks that are not holes, in the whole file (kept as the map changes). */
    public long mapped() {
        return mapped;
    }
}

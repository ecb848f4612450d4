package dev.daxspec.oracle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The counters ExtentMap keeps as runs come and go must equal a recount over the runs, after
 * any sequence of sets and clears (they replaced an O(runs) walk on every write).
 */
class ExtentMapTest {

    private static final long[] CAPS = {1L << 15, (1L << 15) - 1, (1L << 21) - 1};

    @Test
    void countersMatchARecountAfterRandomSetsAndClears() {
        Random random = new Random(20261121L);
        ExtentMap map = new ExtentMap();
        for (int step = 0; step < 5000; step++) {
            // Ranges up to 200000 blocks so runs cross every cap.
            long start = random.nextInt(1 << 20);
            long end = start + 1 + random.nextInt(200_000);
            if (random.nextInt(4) == 0) {
                map.clear(start, end);
            } else {
                map.set(start, end, BlockState.values()[random.nextInt(BlockState.values().length)]);
            }
            if (step % 50 == 0) {
                assertCountsMatch(map);
            }
        }
        assertCountsMatch(map);
    }

    @Test
    void aRunOneBlockLongerThanTheCapTakesTwoRecords() {
        ExtentMap map = new ExtentMap();
        map.set(0, (1L << 15) + 1, BlockState.WRITTEN);
        assertThat(map.records(BlockState.WRITTEN, 1L << 15)).isEqualTo(2);
        map.clear(1L << 15, (1L << 15) + 1);
        assertThat(map.records(BlockState.WRITTEN, 1L << 15)).isEqualTo(1);
        assertThat(map.records(BlockState.WRITTEN, (1L << 15) - 1)).isEqualTo(2);
        assertThat(map.mapped()).isEqualTo(1L << 15);
    }

    @Test
    void recordsAreCountedOnlyForTheCapsTheFilesystemsUse() {
        ExtentMap map = new ExtentMap();
        map.set(0, 10, BlockState.WRITTEN);
        assertThatThrownBy(() -> map.records(BlockState.WRITTEN, 4096))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no extent cap 4096");
    }

    private static void assertCountsMatch(ExtentMap map) {
        long mapped = 0;
        long[] runs = new long[BlockState.values().length];
        long[][] records = new long[BlockState.values().length][CAPS.length];
        for (RangeMap.Run<BlockState> r : map.runs()) {
            mapped += r.length();
            runs[r.value().ordinal()]++;
            for (int c = 0; c < CAPS.length; c++) {
                records[r.value().ordinal()][c] += (r.length() + CAPS[c] - 1) / CAPS[c];
            }
        }
        assertThat(map.mapped()).isEqualTo(mapped);
        for (BlockState s : BlockState.values()) {
            assertThat(map.runs(s)).as("runs of %s", s).isEqualTo(runs[s.ordinal()]);
            for (int c = 0; c < CAPS.length; c++) {
                assertThat(map.records(s, CAPS[c]))
                        .as("records of %s capped at %d", s, CAPS[c])
                        .isEqualTo(records[s.ordinal()][c]);
            }
        }
    }
}

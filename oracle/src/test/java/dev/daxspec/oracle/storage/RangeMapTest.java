package dev.daxspec.oracle.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangeMapTest {

    private static RangeMap.Run<String> run(long s, long e, String v) {
        return new RangeMap.Run<>(s, e, v);
    }

    @Test
    void putMergesEqualNeighboursOnBothSides() {
        RangeMap<String> m = new RangeMap<>();
        m.put(0, 10, "a");
        m.put(20, 30, "a");
        m.put(10, 20, "a");
        assertThat(m.runs()).containsExactly(run(0, 30, "a"));
    }

    @Test
    void putInsideARunSplitsIt() {
        RangeMap<String> m = new RangeMap<>();
        m.put(0, 100, "a");
        m.put(40, 60, "b");
        assertThat(m.runs()).containsExactly(run(0, 40, "a"), run(40, 60, "b"), run(60, 100, "a"));
        assertThat(m.get(39)).isEqualTo("a");
        assertThat(m.get(40)).isEqualTo("b");
        assertThat(m.get(60)).isEqualTo("a");
        assertThat(m.get(100)).isNull();
    }

    @Test
    void removeAcrossSeveralRunsClipsTheEdges() {
        RangeMap<String> m = new RangeMap<>();
        m.put(0, 10, "a");
        m.put(10, 20, "b");
        m.put(30, 40, "c");
        m.remove(5, 35);
        assertThat(m.runs()).containsExactly(run(0, 5, "a"), run(35, 40, "c"));
        assertThat(m.covered(0, 100)).isEqualTo(10);
    }

    @Test
    void runsAreClippedToTheWindowAndNextRunFindsTheFollowingOne() {
        RangeMap<String> m = new RangeMap<>();
        m.put(10, 20, "a");
        m.put(50, 60, "b");
        assertThat(m.runs(15, 55)).containsExactly(run(15, 20, "a"), run(50, 55, "b"));
        assertThat(m.nextRun(15)).isEqualTo(run(15, 20, "a"));
        assertThat(m.nextRun(20)).isEqualTo(run(50, 60, "b"));
        assertThat(m.nextRun(60)).isNull();
    }

    @Test
    void costIsPerRunNotPerAddress() {
        RangeMap<String> m = new RangeMap<>();
        m.put(0, 1L << 44, "a");
        m.put((1L << 44) + 4096, 1L << 45, "a");
        assertThat(m.runs()).hasSize(2);
        assertThat(m.covered(0, Long.MAX_VALUE)).isEqualTo((1L << 45) - 4096);
        m.remove(0, Long.MAX_VALUE);
        assertThat(m.runs()).isEqualTo(List.of());
    }
}

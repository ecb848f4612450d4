package dev.daxspec.oracle.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

    @Test
    void anEmptyRangeChangesNothingAndHoldsNothing() {
        RangeMap<String> m = new RangeMap<>();
        m.put(5, 5, "a");
        assertThat(m.runs()).isEmpty();
        m.put(0, 10, "a");
        m.put(5, 5, "b");
        m.remove(5, 5);
        assertThat(m.runs()).containsExactly(run(0, 10, "a"));
        assertThat(m.runs(5, 5)).isEmpty();
        assertThat(m.covered(5, 5)).isZero();
    }

    @Test
    void aRemoveEndingWhereARunEndsLeavesNoEmptyRunBehind() {
        RangeMap<String> m = new RangeMap<>();
        m.put(0, 10, "a");
        m.remove(5, 10);
        assertThat(m.runs()).containsExactly(run(0, 5, "a"));
        m.put(10, 20, "b");
        m.remove(3, 20);
        assertThat(m.runs()).containsExactly(run(0, 3, "a"));
        assertThat(m.nextRun(3)).isNull();
    }

    @Test
    void aPutJoinsTheRunAfterItWhenTheValuesAreEqual() {
        RangeMap<String> m = new RangeMap<>();
        m.put(10, 20, "a");
        m.put(0, 10, "a");
        assertThat(m.runs()).containsExactly(run(0, 20, "a"));
        m.put(20, 30, "b");
        m.put(15, 20, "b");
        assertThat(m.runs()).containsExactly(run(0, 15, "a"), run(15, 30, "b"));
    }

    @Test
    void aRunHoldsItsStartButNotItsEnd() {
        RangeMap<String> m = new RangeMap<>();
        m.put(10, 20, "a");
        assertThat(m.runAt(10)).isEqualTo(run(10, 20, "a"));
        assertThat(m.runAt(19)).isEqualTo(run(10, 20, "a"));
        assertThat(m.runAt(20)).isNull();
        assertThat(m.runAt(9)).isNull();
        assertThat(m.get(20)).isNull();
        assertThat(m.runs(20, 30)).isEmpty();
    }

    @Test
    void coveredSumsTheLengthsInsideTheWindow() {
        RangeMap<String> m = new RangeMap<>();
        m.put(0, 10, "a");
        m.put(20, 30, "b");
        assertThat(m.covered(5, 25)).isEqualTo(10);
        assertThat(m.covered(10, 20)).isZero();
        assertThat(m.runs(20, 30).get(0).length()).isEqualTo(10);
    }

    @Test
    void theListenerHearsEveryRunThatComesAndGoes() {
        List<String> heard = new ArrayList<>();
        RangeMap<String> m = new RangeMap<>(new RangeMap.Listener<>() {
            @Override
            public void added(RangeMap.Run<String> r) {
                heard.add("+" + r.start() + ".." + r.end());
            }

            @Override
            public void removed(RangeMap.Run<String> r) {
                heard.add("-" + r.start() + ".." + r.end());
            }
        });
        m.put(0, 10, "a");
        m.put(10, 20, "a");
        m.remove(5, 15);
        assertThat(heard).containsExactly("+0..10", "-0..10", "+0..20", "-0..20", "+0..5", "+15..20");
        heard.clear();
        // A run that ends where the removed range starts stays as it is, unheard.
        m.remove(20, 25);
        assertThat(heard).isEmpty();
    }
}

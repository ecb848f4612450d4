package dev.daxspec.oracle.mm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A mapping's page tables on their own. In the model every truncate, punch and zero range of a
 * DAX file clears all of its huge PMDs after the range's ({@code Mappings.breakLayouts()}), so
 * no scenario shows which ones {@link Mapping#zapHuge(long, long)} clears: its contract is
 * stated here.
 */
class MappingTest {

    private static final int PAGE = 4096;
    private static final long PMD = 2L << 20;
    private static final long PAGES_PER_PMD = PMD / PAGE;

    /** A shared, writable 6 MiB mapping with a huge PMD over each of its three 2 MiB. */
    private static Mapping threeHugePmds() {
        Mapping m = new Mapping(new Object(), 0, 3 * PMD, true, true, false, false, true, true, PAGE, PMD);
        for (long pmd = 0; pmd < 3; pmd++) {
            m.setHuge(pmd, HugePmd.BLOCK_READ);
        }
        return m;
    }

    private static boolean[] left(Mapping m) {
        return new boolean[] {m.huge(0) != null, m.huge(1) != null, m.huge(2) != null};
    }

    @Test
    void zapHugeClearsExactlyThePmdsThatMapAPageOfTheRange() {
        Mapping m = threeHugePmds();
        // One page inside the second 2 MiB.
        m.zapHuge(PAGES_PER_PMD + 1, PAGES_PER_PMD + 2);
        assertThat(left(m)).containsExactly(true, false, true);

        m = threeHugePmds();
        // From the last page of the first 2 MiB to the first page of the third: all three.
        m.zapHuge(PAGES_PER_PMD - 1, 2 * PAGES_PER_PMD + 1);
        assertThat(left(m)).containsExactly(false, false, false);
    }

    @Test
    void aRangeEndingOrStartingOnAPmdBoundaryLeavesTheNeighbourMapped() {
        Mapping m = threeHugePmds();
        // [0, 1024): the first two 2 MiB; the third starts where the range ends.
        m.zapHuge(0, 2 * PAGES_PER_PMD);
        assertThat(left(m)).containsExactly(false, false, true);

        m = threeHugePmds();
        // [1024, 1536): the third 2 MiB alone; the second ends where the range starts.
        m.zapHuge(2 * PAGES_PER_PMD, 3 * PAGES_PER_PMD);
        assertThat(left(m)).containsExactly(true, true, false);
    }
}

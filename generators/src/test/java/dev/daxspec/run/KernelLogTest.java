package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelLogTest {

    private static final String CONSOLE = String.join(
            "\r\n",
            "[    4.990870] daxspec: job 0 phase 0 begin",
            "[    5.100000] EXT4-fs (pmem0): recovery complete",
            "[    5.181457] daxspec: job 0 phase 0 end",
            "[    5.191500] daxspec: job 1 phase 0 begin",
            "[  123.514528] sysrq: Trigger a crash",
            "plain line",
            "");

    @Test
    void removesTimestampsAndCarriageReturns() {
        assertThat(KernelLog.withoutTimestamps("[    5.514528] EXT4-fs (pmem0): mounted\r\n[ 1.0] a"))
                .isEqualTo("EXT4-fs (pmem0): mounted\na\n");
        assertThat(KernelLog.withoutTimestamps("")).isEmpty();
    }

    @Test
    void takesWhatFollowsTheLastMarker() {
        assertThat(KernelLog.after(CONSOLE, "daxspec: job 1 phase 0 begin"))
                .isEqualTo("sysrq: Trigger a crash\nplain line\n");
        assertThat(KernelLog.after(CONSOLE, "daxspec: job 0 phase 0 begin"))
                .startsWith("EXT4-fs (pmem0): recovery complete\n");
    }

    @Test
    void aMissingMarkerGivesTheWholeLog() {
        assertThat(KernelLog.after("[ 1.0] a\n", "daxspec: job 9 phase 0 begin"))
                .isEqualTo("a\n");
    }

    @Test
    void tailKeepsTheLastLines() {
        assertThat(KernelLog.tail(CONSOLE, 2)).isEqualTo("sysrq: Trigger a crash\nplain line");
    }
}

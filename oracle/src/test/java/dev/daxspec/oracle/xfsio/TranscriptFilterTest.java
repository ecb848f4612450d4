package dev.daxspec.oracle.xfsio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriptFilterTest {

    private final TranscriptFilter filter = new TranscriptFilter("/mnt/scratch", "/dev/pmem0");

    @Test
    void normalizesTheTimingLineAsFilterXfsIoDoes() {
        String raw = "wrote 1000/1000 bytes at offset 100\n"
                + "1000.000000 bytes, 1 ops; 0.0000 sec (56.098 MiB/sec and 58823.5294 ops/sec)\n"
                + "read 0/1 bytes at offset 30\n"
                + "0.000000 bytes, 0 ops; 0.0000 sec (0.000000 bytes/sec and 0.0000 ops/sec)\n"
                + "wrote 2/2 bytes at offset 0\n"
                + "2.000000 bytes, 1 ops; 0.0000 sec (inf EiB/sec and inf ops/sec)\n";
        assertThat(filter.apply(raw))
                .isEqualTo("wrote 1000/1000 bytes at offset 100\n" + XfsIo.TIMING + "read 0/1 bytes at offset 30\n"
                        + XfsIo.TIMING + "wrote 2/2 bytes at offset 0\n" + XfsIo.TIMING);
    }

    @Test
    void replacesScratchPathsTimesAndDeviceNumbers() {
        String raw = "fd.path = \"/mnt/scratch/f\"\n"
                + "stat.atime.tv_sec = 1795237192\n"
                + "stat.atime.tv_nsec = 366324036\n"
                + "stat.mtime = Sat Nov 21 04:59:52 2026\n"
                + "stat.dev_major = 259\n"
                + "stat.rdev_major = 0\n"
                + "/dev/pmem0 is mounted\n";
        assertThat(filter.apply(raw))
                .isEqualTo("fd.path = \"SCRATCH_MNT/f\"\n"
                        + "stat.atime.tv_sec = X\n"
                        + "stat.atime.tv_nsec = X\n"
                        + "stat.mtime = X\n"
                        + "stat.dev_major = X\n"
                        + "stat.rdev_major = 0\n"
                        + "SCRATCH_DEV is mounted\n");
    }

    @Test
    void verboseFiemapBecomesFilterFiemapForm() {
        String raw = "before\n"
                + "/mnt/scratch/f:\n"
                + " EXT: FILE-OFFSET      BLOCK-RANGE        TOTAL FLAGS\n"
                + "   0: [0..7]:          47197856..47197863     8   0x0\n"
                + "   1: [8..15]:         47197864..47197871     8   0x0\n"
                + "   2: [16..31]:        hole                  16\n"
                + "   3: [32..63]:        47197900..47197931    32 0x801\n"
                + "   4: [64..79]:        hole                  16\n"
                + "after\n";
        assertThat(filter.apply(raw))
                .isEqualTo("before\n"
                        + "0: [0..15]: data\n"
                        + "1: [16..31]: hole\n"
                        + "2: [32..63]: unwritten\n"
                        + "3: [64..79]: hole\n"
                        + "after\n");
    }

    @Test
    void plainFiemapRowsLoseTheirPhysicalAddresses() {
        String raw = "/mnt/scratch/f:\n\t0: [0..7]: 100..107\n\t1: [8..15]: hole\n";
        assertThat(filter.apply(raw)).isEqualTo("0: [0..7]: data\n1: [8..15]: hole\n");
    }

    @Test
    void twoFiemapTablesInARowAreFilteredApart() {
        String raw = "/mnt/scratch/f:\n\t0: [0..7]: 100..107\n\t1: [8..15]: hole\n"
                + "/mnt/scratch/f:\n\t0: [0..15]: 100..115\n";
        assertThat(filter.apply(raw)).isEqualTo("0: [0..7]: data\n1: [8..15]: hole\n0: [0..15]: data\n");
    }

    @Test
    void anEmptyFileFiemapPrintsNothing() {
        assertThat(filter.apply("/mnt/scratch/f:\n")).isEmpty();
    }

    @Test
    void isAFixedPointOnWhatTheOraclePrints() {
        String oracle = "wrote 4096/4096 bytes at offset 0\n" + XfsIo.TIMING
                + "0: [0..7]: data\n1: [8..15]: hole\n2: [16..31]: unwritten\n"
                + "stat.ctime.tv_sec = X\nWhence\tResult\nDATA\t0\nHOLE\t4096\n";
        assertThat(filter.apply(oracle)).isEqualTo(oracle);
        assertThat(filter.apply(filter.apply(oracle))).isEqualTo(oracle);
    }
}

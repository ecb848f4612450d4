package dev.daxspec.oracle.xfsio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.oracle.Scratch;
import dev.daxspec.oracle.fs.FileSystem;
import dev.daxspec.oracle.kernel.Kernel;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.testing.Model;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What xfs_io 6.1 prints, down to the quirks of its source. */
class XfsIoPrintingTest {

    private final Model m = new Model(Target.DEFAULT);

    @Test
    void pwriteAndPreadReportAndDump() {
        assertThat(m.out("f", "pwrite -S 0x61 100 1000", "pread -v 90 30"))
                .isEqualTo("wrote 1000/1000 bytes at offset 100\n" + XfsIo.TIMING
                        + "0000005a:  00 00 00 00 00 00 00 00 00 00 61 61 61 61 61 61  ..........aaaaaa\n"
                        + "0000006a:  61 61 61 61 61 61 61 61 61 61 61 61 61 61  aaaaaaaaaaaaaa\n"
                        + "read 30/30 bytes at offset 90\n" + XfsIo.TIMING);
    }

    @Test
    void theDefaultPatternIsCdAndNonAlnumBytesPrintAsDots() {
        assertThat(m.out("f", "pwrite 0 3", "pread -v 0 3")).contains("00000000:  cd cd cd  ...\n");
    }

    @Test
    void readsStopAtEofAndZeroLengthReadsReportZero() {
        assertThat(m.out("f", "pwrite 0 4090", "pread 4088 16", "pread 5000 1"))
                .endsWith("read 2/16 bytes at offset 4088\n" + XfsIo.TIMING + "read 0/1 bytes at offset 5000\n"
                        + XfsIo.TIMING);
    }

    /** read_forward() dumps each chunk as it reads it, so the 16-byte grid restarts per chunk. */
    @Test
    void verboseReadsDumpPerBufferChunk() {
        assertThat(m.out("f", "pwrite -S 0x41 0 20", "pread -v -b 10 0 20"))
                .contains("00000000:  41 41 41 41 41 41 41 41 41 41  AAAAAAAAAA\n"
                        + "0000000a:  41 41 41 41 41 41 41 41 41 41  AAAAAAAAAA\n");
    }

    /**
     * Numbers print in ASCII digits whatever the JVM's locale: String.format without a
     * Locale printed the map table's {@code %03d} in Thai digits under th-TH-u-nu-thai.
     */
    @Test
    void numbersAreAsciiInAnyLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
        try {
            assertThat(m.out("f", "pwrite -S 0x61 0 20", "mmap -r 0 4096", "mmap -r 0 4096", "munmap", "pread -v 0 4"))
                    .isEqualTo("wrote 20/20 bytes at offset 0\n" + XfsIo.TIMING
                            + "[000] ADDR - ADDR r-- SCRATCH_MNT/f (0 : 4096)\n"
                            + "00000000:  61 61 61 61  aaaa\n"
                            + "read 4/4 bytes at offset 0\n" + XfsIo.TIMING);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aZeroLengthWriteStillReports() {
        assertThat(m.out("f", "pwrite 4096 0")).isEqualTo("wrote 0/0 bytes at offset 4096\n" + XfsIo.TIMING);
    }

    @Test
    void openingAMissingFileWithoutDashFFails() {
        FileSystem fs = Scratch.make(Target.DEFAULT, Kernel.CORRECT).fs().orElseThrow();
        XfsIoResult r = XfsIo.run(
                fs, new Invocation(false, false, "nope", List.of(new CommandParser(4096, 512).parse("stat"))));
        assertThat(r.output()).isEqualTo("SCRATCH_MNT/nope: No such file or directory\n");
        assertThat(r.exitStatus()).isEqualTo(1);
    }

    @Test
    void readOnlyFilesRefuseWritesTheWayTheKernelDoes() {
        m.out("f", "pwrite 0 10");
        FileSystem fs = m.fs;
        CommandParser p = new CommandParser(4096, 512);
        XfsIoResult r = XfsIo.run(
                fs,
                new Invocation(
                        false,
                        true,
                        "f",
                        List.of(p.parse("pwrite 0 1"), p.parse("truncate 0"), p.parse("falloc 0 1"), p.parse("stat"))));
        assertThat(r.output())
                .startsWith("pwrite: Bad file descriptor\nftruncate: Invalid argument\n"
                        + "fallocate: Bad file descriptor\nfd.path = \"SCRATCH_MNT/f\"\n"
                        + "fd.flags = non-sync,non-direct,read-only\n");
        assertThat(r.exitStatus()).isEqualTo(1);
    }

    /** statx_f() sets exitcode = 0 after a successful statx(2), hiding an earlier failure. */
    @Test
    void aSuccessfulStatxClearsTheExitStatus() {
        assertThat(m.xfsIo("f", "falloc 0 0").exitStatus()).isEqualTo(1);
        assertThat(m.xfsIo("f", "falloc 0 0", "statx").exitStatus()).isZero();
        assertThat(m.xfsIo("f", "falloc 0 0", "stat").exitStatus()).isEqualTo(1);
    }

    /** An error line reaches the pipe before stdout text xfs_io printed earlier but still buffers. */
    @Test
    void errorsOvertakeEarlierOutput() {
        assertThat(m.out("f", "pwrite 0 1", "truncate 17592186040321", "pread 0 1"))
                .isEqualTo("ftruncate: File too large\nwrote 1/1 bytes at offset 0\n" + XfsIo.TIMING
                        + "read 1/1 bytes at offset 0\n" + XfsIo.TIMING);
    }

    @Test
    void fiemapPrintsFilterFiemapFormWithTheTrailingHole() {
        assertThat(m.out("f", "pwrite 4096 4096", "falloc -k 16k 4k", "truncate 40000", "fiemap -v"))
                .endsWith(
                        "0: [0..7]: hole\n1: [8..15]: data\n2: [16..31]: hole\n3: [32..39]: unwritten\n4: [40..77]: hole\n");
        assertThat(m.out("g", "falloc 0 4k", "fiemap")).endsWith("0: [0..7]: data\n");
        assertThat(m.out("h", "fiemap -v")).isEmpty();
    }
}

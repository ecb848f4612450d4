package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.daxspec.oracle.xfsio.TranscriptFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The awk port of the transcript filter gives exactly what the Java filter gives, with each
 * awk a test machine or guest may have: mawk (Debian's default), gawk and busybox awk.
 */
class ShellFilterTest {

    @TempDir
    Path dir;

    /** The awks to hold to the Java filter; those not installed are skipped. */
    static Stream<String> awks() {
        return Stream.of("mawk", "gawk", "busybox awk");
    }

    @ParameterizedTest
    @MethodSource("awks")
    void craftedInputFiltersAsTheJavaFilterDoes(String awk) throws Exception {
        assumeTrue(installed(awk), awk + " is not installed");
        for (String[] c : CRAFTED) {
            String raw = c[2];
            String java = new TranscriptFilter(c[0], c[1]).apply(raw);
            assertThat(awkFilter(awk, c[0], c[1], raw)).as(awk + " on:\n" + raw).isEqualTo(java);
        }
    }

    /**
     * The raw output of every conformance case on Debian's 6.1 kernel (recorded by {@link
     * RawTranscriptRecorder}): the awk filter gives what the Java filter gives, which is
     * the oracle's transcript. Run again with the device renamed (pmem0 as pmem1), the
     * awk filter's kernel-name rule gives the same.
     */
    @ParameterizedTest
    @MethodSource("awks")
    void realKernelTranscriptsFilterToTheOraclesTranscript(String awk) throws Exception {
        assumeTrue(installed(awk), awk + " is not installed");
        // A crash case may end in any of its outcomes; a known deviation ends in its own.
        Map<String, List<String>> expected = new HashMap<>();
        Cases.all().forEach(tc -> expected.put(tc.id(), new ArrayList<>(tc.expected())));
        KnownDeviations.load(Cases.CONFORMANCE.resolve("known-deviations.json"))
                .all()
                .forEach(d -> expected.get(d.caseName()).add(d.transcript()));
        List<Path> raws;
        try (Stream<Path> s = Files.list(RAW)) {
            raws = s.filter(p -> p.toString().endsWith(".raw")).sorted().toList();
        }
        assertThat(raws).hasSize(expected.size());
        for (Path raw : raws) {
            String id = raw.getFileName().toString().replaceFirst("\\.raw$", "");
            String text = Files.readString(raw);
            String dev = Files.readString(RAW.resolve(id + ".dev")).strip();
            String java = new TranscriptFilter(MNT, dev).apply(text);
            assertThat(java).as(id).isIn(expected.get(id));
            assertThat(awkFilter(awk, MNT, dev, text)).as(awk + " on " + id).isEqualTo(java);
            String kname = dev.substring("/dev/".length());
            String renamed = text.replace(kname, kname.replace("0", "1"));
            assertThat(awkRun(
                            awk,
                            ShellFilter.awkProgram(),
                            MNT,
                            dev.replace("0", "1"),
                            kname.replace("0", "1"),
                            kname,
                            renamed))
                    .as(awk + " on " + id + " renamed")
                    .isEqualTo(java);
        }
    }

    /**
     * The xfstests format's filter, run on what xfstests' own filters leave (the Java
     * filter's output of every raw transcript), prints what {@link ObservedStat#keep} keeps:
     * no stat line but the observed fields, of which there are some.
     */
    @ParameterizedTest
    @MethodSource("awks")
    void theXfstestsFilterKeepsOnlyTheObservedStatFields(String awk) throws Exception {
        assumeTrue(installed(awk), awk + " is not installed");
        List<Path> raws;
        try (Stream<Path> s = Files.list(RAW)) {
            raws = s.filter(p -> p.toString().endsWith(".raw")).sorted().toList();
        }
        int kept = 0;
        for (Path raw : raws) {
            String dev = Files.readString(
                            RAW.resolve(raw.getFileName().toString().replaceFirst("\\.raw$", ".dev")))
                    .strip();
            String filtered = XfstestsSuite.withoutRemountKernelLines(
                    new TranscriptFilter(MNT, dev).apply(Files.readString(raw)));
            String expected = XfstestsSuite.golden(filtered);
            assertThat(awkRun(awk, ShellFilter.awkProgramAfterXfstestsFilters(), MNT, dev, "", "", filtered))
                    .as(awk + " on " + raw)
                    .isEqualTo(expected);
            assertThat(expected).doesNotContain("stat.ino", "fsxattr.", "dioattr.", "fd.path", "stat.mask");
            kept += expected.split("\nstat[.](size|blocks|attributes) = ", -1).length - 1;
        }
        assertThat(kept).isGreaterThan(100);
    }

    @Test
    void observedStatKeepsSizeBlocksAndAttributesAndTheOtherLines() {
        String xfs = """
                $ xfs_io -c "stat" SCRATCH_MNT/f
                fd.path = "SCRATCH_MNT/f"
                stat.ino = 131
                stat.size = 1100
                stat.blocks = 8
                fsxattr.xflags = 0x80000000 [----------------X]
                dioattr.mem = 0x200
                stat.mode: 0100600
                stat.attributes = 0x200000
                stat.sizes = 1
                wrote 1/1 bytes at offset 0
                """;
        assertThat(ObservedStat.keep(xfs)).isEqualTo("""
                $ xfs_io -c "stat" SCRATCH_MNT/f
                stat.size = 1100
                stat.blocks = 8
                stat.attributes = 0x200000
                wrote 1/1 bytes at offset 0
                """);
    }

    private static final Path RAW = Path.of("../fixtures/emit/raw-transcripts");
    private static final String MNT = "/mnt/scratch";

    /** {mount, device, raw text}. */
    static final String[][] CRAFTED = {
        {"/mnt/scratch", "/dev/pmem0", """
                $ xfs_io -f -c "pwrite 0 4096" SCRATCH_MNT/f
                wrote 1000/1000 bytes at offset 100
                1000.000000 bytes, 1 ops; 0.0000 sec (56.098 MiB/sec and 58823.5294 ops/sec)
                read 0/1 bytes at offset 30
                0.000000 bytes, 0 ops; 0.0000 sec (0.000000 bytes/sec and 0.0000 ops/sec)
                wrote 2/2 bytes at offset 0
                2.000000 bytes, 1 ops; 0.0000 sec (inf EiB/sec and inf ops/sec)
                4 KiB, 1 ops; 0:00:00.00 (-nan bytes/sec and nan ops/sec) trailing
                """},
        {"/mnt/scratch", "/dev/pmem0", """
                fd.path = "/mnt/scratch/f"
                stat.atime.tv_sec = 1795237192
                stat.atime.tv_nsec = 366324036
                stat.mtime = Sat Nov 21 04:59:52 2026
                stat.btime= 12
                stat.dev_major = 259
                stat.dev_minor = 0
                stat.rdev_major = 0
                stat.ctimex = 5
                fsxattr.nextents = 2
                fsxattr.naextents = 0
                /dev/pmem0 is mounted on /mnt/scratch; /dev/pmem01 too
                kernel: EXT4-fs (pmem0): DAX unsupported by block device.
                kernel:\s
                """},
        {"/mnt/scratch", "/dev/pmem0", """
                before
                /mnt/scratch/f:
                 EXT: FILE-OFFSET      BLOCK-RANGE        TOTAL FLAGS
                   0: [0..7]:          47197856..47197863     8   0x0
                   1: [8..15]:         47197864..47197871     8   0x0
                   2: [16..31]:        hole                  16
                   3: [32..63]:        47197900..47197931    32 0x801
                   4: [64..79]:        hole                  16
                   5: [80..9007199254740990]: 1..9007199254740911 9007199254740911 0x1808
                after
                /mnt/scratch/f:
                \t0: [0..7]: 100..107
                \t1: [8..15]: hole
                /mnt/scratch/f:
                /mnt/scratch/g:
                \t0: [0..7]: 100..107
                xuse_space and .use_space lines
                \t1: [8..15]: 108..115
                0: [0..15]: data
                1: [16..31]: unwritten
                   6: [0..7]:          12..19     8
                last
                """},
        {"/mnt/scr.at*ch[x]\\1", "/dev/ram0", """
                fd.path = "/mnt/scr.at*ch[x]\\1/f"
                /mnt/scr.at*ch[x]\\1/f:
                \t0: [0..7]: 100..107
                /mnt/scratch/f: not this mount
                """},
        {"/mnt/scratch", "/dev/pmem0", """
                /mnt/scratch/f:
                 EXT: FILE-OFFSET      BLOCK-RANGE        TOTAL FLAGS
                   0: [0..7]:          47197856..47197863     8   0x0
                """},
        {"/mnt/scratch", "/dev/pmem0", ""},
        {"/mnt/scratch", "/dev/pmem0", "\n\n"},
        // xfs_io's mmap list (print_mapping: "%c%03d%c 0x%lx - 0x%lx %s  %14s (%lld : %ld)"),
        // with MAP_SYNC's " S" flag, and lines that only look like it.
        {"/mnt/scratch", "/dev/pmem0", """
                [000] 0x7f3c1a400000 - 0x7f3c1a402000 rwx  /mnt/scratch/f (0 : 8192)
                 001  0x7f3c1a200000 - 0x7f3c1a201000 rw- S /mnt/scratch/g (4096 : 4096)
                 002  0x7f3c1a200000 - 0x7f3c1a201000 rw- X /mnt/scratch/g (4096 : 4096)
                [003] 0x7f3c1a200000 - 0x7f3c1a201000 r--          /mnt/scratch/h (0 : 2097152)
                [04] 0x7f3c1a200000 - 0x7f3c1a201000 r-- /mnt/scratch/h (0 : 4096)
                offset address (0x7f3c1a200010) is not page aligned
                offset address (0x7f3c1a20001) is not page aligned!
                """},
    };

    private boolean installed(String awk) {
        return Processes.run(List.of("sh", "-c", "command -v " + awk.split(" ")[0]), dir)
                        .status()
                == 0;
    }

    private static String awkFilter(String awk, String mnt, String dev, String raw) {
        return awkRun(awk, ShellFilter.awkProgram(), mnt, dev, "", "", raw);
    }

    static String awkRun(
            String awk, String program, String mnt, String dev, String kname, String golden, String input) {
        List<String> cmd = new ArrayList<>(List.of(awk.split(" ")));
        cmd.add(program);
        Processes.Result r = Processes.run(
                cmd,
                input,
                Map.of(
                        "DAXSPEC_FILTER_MNT",
                        mnt,
                        "DAXSPEC_FILTER_DEV",
                        dev,
                        "DAXSPEC_FILTER_KNAME",
                        kname,
                        "DAXSPEC_FILTER_GOLDEN_KNAME",
                        golden),
                Path.of("."));
        assertThat(r.err()).as(awk + " stderr").isEmpty();
        assertThat(r.status()).as(awk + " status").isZero();
        return r.out();
    }
}

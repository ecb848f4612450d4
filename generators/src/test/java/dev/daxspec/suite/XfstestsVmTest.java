package dev.daxspec.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.daxspec.emit.Cases;
import dev.daxspec.emit.Cli;
import dev.daxspec.emit.Format;
import dev.daxspec.emit.Processes;
import dev.daxspec.emit.Suite;
import dev.daxspec.emit.SuiteOptions;
import dev.daxspec.emit.SuiteWriter;
import dev.daxspec.emit.TestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emitted xfstests tests under xfstests' own ./check on Debian's 6.1 kernel in qemu, through
 * {@code daxspec run --format xfstests}: a DAX test passes in the xfs-pmem section and a
 * page-cache one in xfs-brd; the same DAX test with a wrong {@code .out} fails with
 * ./check's diff. Needs {@code ci/vm/setup} and a built xfstests checkout named by the
 * environment variable {@value #CHECKOUT} (CI has none: packages come from Debian and Maven
 * Central only, and an xfstests checkout from neither), and skips without one; run with
 * {@code -Pvm}.
 */
@Tag("vm")
class XfstestsVmTest {

    static final String CHECKOUT = "DAXSPEC_XFSTESTS_DIR";

    @TempDir
    Path tmp;

    @Test
    void checksVerdictsBecomeRunsVerdicts() throws IOException {
        String dir = System.getenv(CHECKOUT);
        assumeTrue(
                dir != null && Files.isExecutable(Path.of(dir, "ltp/fsx")),
                "no built xfstests checkout in $" + CHECKOUT + ": daxspec run --format xfstests not tried");
        Path checkout = Path.of(dir);
        List<TestCase> cases =
                Cases.named("pwrite-unaligned@xfs-pmem-dax=always-4096", "pwrite-unaligned@xfs-brd-defaults-4096");
        Path suiteDir = tmp.resolve("xt");
        Suite suite = SuiteWriter.write(
                cases, Format.XFSTESTS, suiteDir, new SuiteOptions(OptionalInt.empty(), Optional.of(checkout)));
        assertThat(suite.tests()).hasSize(2);
        Path junit = tmp.resolve("xt.xml");
        Processes.Result r = Cli.run(
                List.of(
                        "run",
                        "--format",
                        "xfstests",
                        "--xfstests-dir",
                        dir,
                        "--fs",
                        "xfs",
                        "--junit",
                        junit.toString(),
                        suiteDir.toString()),
                0,
                tmp);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        for (Suite.Test t : suite.tests()) {
            assertThat(r.out())
                    .contains("] PASS            xfs-" + t.device().deviceName() + " "
                            + t.ids().get(0) + "\n");
        }
        assertThat(r.out()).endsWith("\n2 passed, 0 failed\n");
        assertThat(Files.readString(junit)).contains("tests=\"2\" failures=\"0\"", "run.xfs-pmem.tests.");

        Suite.Test dax = suite.tests().stream()
                .filter(t -> t.device().supportsDax())
                .findFirst()
                .orElseThrow();
        Path out = suiteDir.resolve(dax.path() + ".out");
        String expected = Files.readString(out);
        assertThat(expected).contains("wrote 1000/1000 bytes at offset 100\n");
        Files.writeString(out, expected.replace("wrote 1000/1000 bytes", "wrote 999/1000 bytes"));
        Processes.Result wrong = Cli.run(
                List.of("run", "--xfstests-dir", dir, "--fs", "xfs", "--device", "pmem", suiteDir.toString()), 0, tmp);
        assertThat(wrong.status()).as(wrong.out() + wrong.err()).isEqualTo(1);
        assertThat(wrong.out())
                .contains(
                        "] FAIL            xfs-pmem " + dax.ids().get(0) + ": - output mismatch (see ",
                        "    --- tests/" + XfstestsRunner.name(dax) + ".out\t",
                        "    -wrote 999/1000 bytes at offset 100\n    +wrote 1000/1000 bytes at offset 100\n")
                .endsWith("\n0 passed, 1 failed\n");
    }
}

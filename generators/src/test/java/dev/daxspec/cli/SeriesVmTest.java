package dev.daxspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daxspec.conform.CaseFileParser;
import dev.daxspec.conform.TestCases;
import dev.daxspec.emit.Cli;
import dev.daxspec.emit.Format;
import dev.daxspec.emit.KnownDeviations;
import dev.daxspec.emit.Processes;
import dev.daxspec.emit.SuiteOptions;
import dev.daxspec.emit.SuiteWriter;
import dev.daxspec.emit.TestCase;
import dev.daxspec.run.KernelBuild;
import dev.daxspec.series.testing.Fixtures;
import dev.daxspec.series.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daxspec series} on Debian's installed kernel in qemu, as base and as head: every
 * targeted test still passes and the run exits 0; the bisect script then runs one of them
 * through {@code daxspec run} and calls the kernel good. Needs {@code ci/vm/setup}; run
 * with {@code -Pvm}.
 */
@Tag("vm")
class SeriesVmTest {

    @TempDir
    Path tmp;

    @Test
    void theSameKernelAsBaseAndHeadLeavesEveryTestStillPassing() throws Exception {
        Path features = Files.createDirectories(tmp.resolve("features/io"));
        Files.copy(Fixtures.root().resolve("features/touches.rules"), features.resolveSibling("touches.rules"));
        Files.writeString(features.resolve("write.feature"), """
                @touches:fs/dax.c:dax_iomap_rw
                Feature: writes
                  Scenario: an unaligned write lands where it was asked to
                    Given ext4 on pmem mounted with dax=always
                    And a file "f" of 3 pages
                    When 100 bytes of 0x62 are written at 1
                    Then the range 1..100 reads as 0x62
                """);
        TestRepo repo = TestRepo.init(tmp.resolve("linux"));
        repo.copyTree(Fixtures.series("trees/dax-mini")).commit("base");
        repo.tag("base");
        repo.replace("fs/dax.c", "	if (xas.xa_index >= max_pgoff)\n", "	if (xas.xa_index > max_pgoff)\n");
        repo.commit("dax: a change in the PMD fault path\n");
        repo.replace(
                "fs/dax.c",
                "dax_iomap_rw(struct kiocb *iocb, struct iov_iter *iter,\n",
                "dax_iomap_rw(struct kiocb *iocb,  struct iov_iter *iter,\n");
        repo.commit("dax: touch dax_iomap_rw\n");

        CaseFileParser p = new CaseFileParser();
        p.parse(Fixtures.root().resolve("fixtures/conformance/io-write.case"));
        List<TestCase> cases = new ArrayList<>();
        for (TestCase t : TestCases.of(p.cases(), KnownDeviations.none())) {
            if (t.id().equals("pwrite-unaligned@ext4-pmem-dax=always-4096")
                    || t.id().equals("pwrite-unaligned@xfs-brd-defaults-4096")) {
                cases.add(new TestCase(
                        t.id().replace("pwrite-unaligned", "io-write-3"),
                        t.title(),
                        t.about(),
                        t.tags(),
                        t.program(),
                        t.expected(),
                        t.fixedByCommit(),
                        t.deviations()));
            }
        }
        Path whole = tmp.resolve("whole");
        SuiteWriter.write(cases, Format.SHELL, whole, SuiteOptions.NONE);
        KernelBuild k = KernelBuild.newestInstalled();
        Path junit = tmp.resolve("series.xml");
        Path kcidb = tmp.resolve("series.kcidb.json");
        Path targeted = tmp.resolve("targeted");
        // A snapshot cache of its own, empty, and one VM (the JVMs see one CPU): the base run
        // boots and caches the guest with the targeted suite in it, the head run and the bisect
        // script's run start from it, and the user's cache keeps the guests of conform and run.
        Path cacheHome = tmp.resolve("cache");
        Map<String, String> env =
                Map.of("XDG_CACHE_HOME", cacheHome.toString(), "JAVA_TOOL_OPTIONS", "-XX:ActiveProcessorCount=1");
        Processes.Result r = Cli.run(
                List.of(
                        "series",
                        "--repo",
                        repo.dir().toString(),
                        "--range",
                        "base..HEAD",
                        "--features",
                        features.getParent().toString(),
                        "--suite",
                        whole.toString(),
                        "--generate",
                        targeted.toString(),
                        "--base-kernel",
                        k.image().toString(),
                        "--base-modules",
                        k.modules().toString(),
                        "--head-kernel",
                        k.image().toString(),
                        "--head-modules",
                        k.modules().toString(),
                        "--junit",
                        junit.toString(),
                        "--kcidb",
                        kcidb.toString()),
                0,
                env,
                tmp);
        // A VM's first boot goes untold; its restores are told.
        r.err().lines().filter(l -> l.contains(" restoring VM ")).forEach(System.out::println);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "STILL-PASSING  io-write-3@ext4-pmem-dax=always-4096\n",
                        "STILL-PASSING  io-write-3@xfs-brd-defaults-4096\n")
                .endsWith("\n0 regressed, 0 fixed, 0 still failing, 0 not run, 2 still passing\n");
        assertThat(Files.readString(junit)).contains("tests=\"2\" failures=\"0\"");
        JsonNode root = new ObjectMapper().readTree(kcidb.toFile());
        assertThat(root.get("tests"))
                .hasSize(4)
                .allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("PASS"));

        Path script = tmp.resolve("bisect.sh");
        assertThat(SeriesCommandTest.run(
                                "series",
                                "bisect-script",
                                "--suite",
                                targeted.toString(),
                                "--test",
                                "io-write-3@xfs-brd-defaults-4096",
                                "--out",
                                script.toString())
                        .status())
                .isZero();
        ProcessBuilder pb = new ProcessBuilder(
                        script.toString(), k.image().toString(), k.modules().toString())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment()
                .put(
                        "DAXSPEC",
                        Path.of(System.getProperty("java.home"), "bin", "java") + " -XX:ActiveProcessorCount=1 -cp "
                                + System.getProperty("java.class.path") + " dev.daxspec.cli.Main");
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor()).as(out).isZero();
        out.lines().filter(l -> l.contains(" jobs/min")).forEach(System.out::println);
        assertThat(out).contains("[1/1] PASS            io-write-3@xfs-brd-defaults-4096\n");
    }
}

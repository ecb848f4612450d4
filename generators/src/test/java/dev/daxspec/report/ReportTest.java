package dev.daxspec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.daxspec.check.CheckResult;
import dev.daxspec.check.ScenarioResult;
import dev.daxspec.emit.Verdict;
import dev.daxspec.junit.JUnitXml;
import dev.daxspec.oracle.kernel.Bug;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the bundled features and three kernel runs ({@link Inputs}): what each page
 * says against what was checked and run, its size, its determinism, and the reading of
 * kernel runs, bad ones included. The browser's view of the same pages is
 * {@link ReportBrowserTest}'s.
 */
class ReportTest {

    @TempDir
    static Path tmp;

    private static List<KernelResults> runs;
    private static Report report;
    private static SortedMap<String, String> files;

    @BeforeAll
    static void threeKernelRuns() throws IOException {
        runs = new ArrayList<>();
        for (Path p : Inputs.threeRuns(tmp.resolve("runs"))) {
            runs.add(KernelResults.read(p));
        }
        report = new Report(Inputs.check(), Inputs.known(), runs, List.of());
        files = report.files();
    }

    @Test
    void theRunsAreReadWithTheirKernelAndEveryScenarioOnce() {
        assertThat(runs)
                .extracting(KernelResults::kernel)
                .containsExactly("6.1.0-56-amd64", "variant:eof-block-not-zeroed", "variant:dax-fault-eof-rounding");
        int n = Inputs.check().scenarios().size();
        Results r = new Results(runs);
        for (int k = 0; k < 3; k++) {
            for (ScenarioResult v : Inputs.check().scenarios()) {
                assertThat(r.verdict(k, v.scenario().id()))
                        .as(runs.get(k).kernel() + " " + v.scenario().id())
                        .isPresent();
            }
        }
        // the first run also holds every conformance case, judged on a real kernel's transcripts
        assertThat(r.others(0, report.scenarioIds()))
                .hasSizeGreaterThan(150)
                .allMatch(x -> x.verdict() == Verdict.PASS || x.verdict() == Verdict.KNOWN_DEVIATION);
        assertThat(r.others(1, report.scenarioIds())).isEmpty();
        assertThat(runs.get(0).results().stream()
                        .filter(x -> report.scenarioIds().contains(x.test())))
                .hasSize(n);
    }

    @Test
    void eachVerdictIsTheOneTheRunRecorded() {
        CheckResult c = Inputs.check();
        Results r = new Results(runs);
        Tally recorded = r.tally(0, c.scenarios());
        assertThat(recorded.count(Verdict.KNOWN_DEVIATION))
                .isEqualTo(Inputs.known().all().size())
                .isPositive();
        assertThat(recorded.count(Verdict.FAIL)).isZero();
        // every scenario that kills a variant fails on that variant's run, unless the variant prints
        // exactly what the real kernel recorded as its deviation (B6's variant does: ext4 on 6.1 is that bug)
        for (ScenarioResult v : c.killers(Bug.EOF_BLOCK_NOT_ZEROED)) {
            boolean deviates = Inputs.known().forCase(v.scenario().id()).isPresent();
            assertThat(r.verdict(1, v.scenario().id()))
                    .as(v.scenario().id())
                    .contains(deviates ? Verdict.KNOWN_DEVIATION : Verdict.FAIL);
        }
        for (ScenarioResult v : c.killers(Bug.DAX_FAULT_EOF_ROUNDING)) {
            assertThat(r.verdict(2, v.scenario().id()).orElseThrow())
                    .as(v.scenario().id())
                    .isIn(Verdict.FAIL, Verdict.NOTRUN);
        }
        assertThat(r.tally(2, c.scenarios()).count(Verdict.NOTRUN)).isPositive();
    }

    @Test
    void everyFeatureAndScenarioHasItsPlace() {
        String index = files.get("index.html");
        for (FeatureView f : report.features()) {
            assertThat(index).contains("href=\"" + f.page() + "\"");
            String page = files.get(f.page());
            assertThat(page).as(f.page()).isNotNull();
            for (ScenarioResult v : f.scenarios()) {
                assertThat(page)
                        .contains("<section class=\"scenario\" id=\""
                                + v.scenario().id() + "\">");
                v.scenario().steps().forEach(s -> assertThat(page).contains(Html.escape(s.text())));
            }
        }
        assertThat(files)
                .containsKeys(
                        "index.html",
                        "kill-matrix.html",
                        "runs.html",
                        "explore.html",
                        "summary.txt",
                        "style.css",
                        Report.MARKER);
        assertThat(String.join("", files.values())).doesNotContain("<script", "http://", "@import", "url(");
    }

    @Test
    void aFailureShowsTheKernelsTranscriptAndTheDiff() {
        ScenarioResult killer = Inputs.check().killers(Bug.EOF_BLOCK_NOT_ZEROED).get(0);
        String page = files.get(report.featureOf(killer).page());
        String section = page.substring(page.indexOf("id=\"" + killer.scenario().id() + "\""));
        section = section.substring(0, section.indexOf("</section>"));
        assertThat(section)
                .contains(
                        "variant:eof-block-not-zeroed: <span class=\"fail\">FAIL</span>",
                        "<pre class=\"diff\">",
                        "--- oracle",
                        "+++ kernel",
                        "<span class=\"add\">+",
                        "The kernel's transcript");
        String deviating = Inputs.known().all().get(0).caseName();
        ScenarioResult d = Inputs.check().scenarios().stream()
                .filter(v -> v.scenario().id().equals(deviating))
                .findFirst()
                .orElseThrow();
        String dpage = files.get(report.featureOf(d).page());
        assertThat(dpage)
                .contains(
                        "Recorded deviation: " + Inputs.known().all().get(0).kernel(),
                        "6.1.0-56-amd64: <span class=\"known-deviation\">KNOWN-DEVIATION</span>");
    }

    @Test
    void theMailSummaryCountsWhatThePagesShow() {
        String s = report.summary();
        CheckResult c = Inputs.check();
        Results r = new Results(runs);
        assertThat(s)
                .startsWith("daxspec report: " + report.features().size() + " features, "
                        + c.scenarios().size() + " scenarios\n");
        Tally b6 = r.tally(1, c.scenarios());
        assertThat(b6.count(Verdict.FAIL)).isPositive();
        assertThat(s)
                .contains(
                        "K2 = variant:eof-block-not-zeroed",
                        "all ",
                        b6.count(Verdict.PASS) + "/"
                                + b6.count(Verdict.FAIL) + "/" + b6.count(Verdict.KNOWN_DEVIATION) + "/"
                                + (b6.count(Verdict.NOTRUN) + b6.count(Verdict.INFRA)));
        assertThat(s.lines().filter(l -> l.startsWith("  K2 FAIL "))).hasSize(b6.count(Verdict.FAIL));
    }

    @Test
    void theWholeReportIsUnderFiveMegabytes() {
        long bytes = files.values().stream()
                .mapToLong(v -> v.getBytes(StandardCharsets.UTF_8).length)
                .sum();
        assertThat(bytes).isLessThan(5L << 20);
    }

    @Test
    void theSameInputsGiveTheSameBytes() throws IOException {
        // the runs made and read again: the same files give the same report
        List<KernelResults> again = new ArrayList<>();
        for (Path p : Inputs.threeRuns(tmp.resolve("runs"))) {
            again.add(KernelResults.read(p));
        }
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        report.write(a);
        new Report(Inputs.check(), Inputs.known(), again, List.of()).write(b);
        Map<String, byte[]> first = tree(a);
        Map<String, byte[]> second = tree(b);
        assertThat(second.keySet()).isEqualTo(first.keySet()).hasSize(files.size());
        first.forEach((k, v) -> assertThat(second.get(k)).as(k).isEqualTo(v));
        // written again over itself: replaced, not refused
        report.write(a);
        assertThat(tree(a).keySet()).isEqualTo(first.keySet());
    }

    @Test
    void aDirectoryOfOtherFilesIsNotReplaced() throws IOException {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes"), "mine\n");
        assertThatThrownBy(() -> report.write(foreign)).hasMessageContaining("is not a report daxspec wrote");
        assertThat(Files.readString(foreign.resolve("notes"))).isEqualTo("mine\n");
    }

    @Test
    void aJUnitFileThatIsNotOneIsNamedWithItsLine() throws IOException {
        Path bad = tmp.resolve("bad.xml");
        Files.writeString(
                bad, "<?xml version=\"1.0\"?>\n<testsuite name=\"x\">\n  <testcase name=\"a\">\n</testsuite>\n");
        assertThatThrownBy(() -> KernelResults.read(bad)).hasMessageStartingWith(bad + ":4: not JUnit XML");
        Path html = tmp.resolve("page.xml");
        Files.writeString(html, "<html>\n<body/>\n</html>\n");
        assertThatThrownBy(() -> KernelResults.read(html))
                .hasMessage(html + ":1: not JUnit XML: the root is <html>," + " not <testsuite>");
        Path nameless = tmp.resolve("nameless.xml");
        Files.writeString(nameless, "<testsuite>\n\n<testcase/>\n</testsuite>\n");
        assertThatThrownBy(() -> KernelResults.read(nameless)).hasMessage(nameless + ":3: a <testcase> without a name");
        Path empty = Files.createDirectories(tmp.resolve("empty-run"));
        assertThatThrownBy(() -> KernelResults.read(empty)).hasMessageContaining("no JUnit file");
        assertThatThrownBy(() -> KernelResults.read(tmp.resolve("nowhere"))).hasMessageContaining("no such file");
    }

    @Test
    void twoFilesOfOneRunNamingTwoKernelsAreRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        for (String k : List.of("6.1.0", "6.12.0")) {
            JUnitXml x = new JUnitXml("daxspec.run");
            x.property(KernelResults.KERNEL_PROPERTY, k);
            x.pass("run.tests", "io-enospc-10", 0, "PASS io-enospc-10\n");
            x.write(dir.resolve(k + ".xml"));
        }
        assertThatThrownBy(() -> KernelResults.read(dir))
                .hasMessageContaining("kernel 6.12.0, but")
                .hasMessageContaining("kernel 6.1.0");
    }

    @Test
    void aRunTestNamedByTwoScenariosIsAResultOfEachAndAFileWithoutAKernelIsNamedByItself() throws IOException {
        JUnitXml x = new JUnitXml("daxspec.run");
        x.skip("run.tests", "io-enospc-10 io-enospc-11", "needs pmem");
        x.pass("run.tests", "io-enospc-12", 0, "KNOWN-DEVIATION: departs from B9\n");
        Path f = tmp.resolve("next-20250101.xml");
        x.write(f);
        KernelResults r = KernelResults.read(f);
        assertThat(r.kernel()).isEqualTo("next-20250101");
        assertThat(r.results())
                .extracting(KernelResult::test, KernelResult::verdict, KernelResult::message)
                .containsExactly(
                        tuple("io-enospc-10", Verdict.NOTRUN, "needs pmem"),
                        tuple("io-enospc-11", Verdict.NOTRUN, "needs pmem"),
                        tuple("io-enospc-12", Verdict.KNOWN_DEVIATION, "departs from B9"));
    }

    private static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}

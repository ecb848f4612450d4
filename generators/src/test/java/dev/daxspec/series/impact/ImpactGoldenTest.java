package dev.daxspec.series.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.Series;
import dev.daxspec.series.calls.CallGraph;
import dev.daxspec.series.review.SeriesSource;
import dev.daxspec.series.testing.Fixtures;
import dev.daxspec.series.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The impact report for the seed-004 mails and for a range that breaks and
 * fixes the EOF check in the DAX PMD fault path, against the golden files in
 * fixtures/series/golden. Run with -Ddaxspec.updateGolden=true to rewrite
 * them, then review the diff.
 */
class ImpactGoldenTest {

    @TempDir
    Path tmp;

    /** Paths made machine-independent before rendering, so that wrapping is too. */
    private static String normalise(String s, Path repo) {
        String out = s.replace(Fixtures.root().toString() + "/", "");
        return repo == null ? out : out.replace(repo.toString(), "<repo>");
    }

    private static Series normalise(Series s, Path repo) {
        return new Series(
                normalise(s.source(), repo),
                s.coverLetter(),
                s.commits(),
                s.diagnostics().stream()
                        .map(d -> new Diagnostic(
                                d.severity(), normalise(d.source(), repo), d.line(), normalise(d.message(), repo)))
                        .toList(),
                s.base());
    }

    /** The real rules, named relative to the checkout so the reports are machine-independent. */
    private static TouchRules rules() throws Exception {
        return TouchRules.parse(
                Files.readString(Fixtures.root().resolve("features/touches.rules")), "features/touches.rules");
    }

    /** Analyses with the call graph of the series' base, as daxspec series does. */
    private static ImpactReport withCallGraph(TestRepo r, Series s) throws Exception {
        TouchRules rules = rules();
        CallGraph graph = SeriesSource.callGraph(
                r.dir(), s.base().orElseThrow(), Impact.callGraphFiles(s, SampleScenarios.all(), rules));
        return Impact.analyse(s, SampleScenarios.all(), rules, graph, CallGraph.DEFAULT_MAX_CALLS);
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = Fixtures.series("golden/" + name);
        if (Boolean.getBoolean("daxspec.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static void checkText(String text) {
        for (String line : text.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
            assertThat(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
                    .as(line)
                    .isTrue();
        }
        assertThat(text).endsWith("\n").doesNotEndWith("\n\n");
    }

    private static void checkJson(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertThat(fields)
                .containsExactly(
                        "format",
                        "version",
                        "source",
                        "coverLetter",
                        "killMatrix",
                        "summary",
                        "scenarios",
                        "commits",
                        "diagnostics");
        assertThat(root.get("format").asText()).isEqualTo("daxspec.series.impact");
    }

    @Test
    void seed004MailsAppliedToTheirTree() throws Exception {
        TestRepo r = TestRepo.init(tmp.resolve("linux-2.6"));
        r.copyTree(Fixtures.series("trees/linux-2.6.24")).commit("linux-2.6.24-rc4, in miniature");
        Series s = normalise(SeriesSource.fromMbox(Fixtures.series("seed004-xip.mbox"), Optional.of(r.dir())), r.dir());
        ImpactReport report = withCallGraph(r, s);
        String text = report.toText();
        String json = report.toJson();
        checkText(text);
        checkJson(json);
        golden("seed004-xip.impact.txt", text);
        golden("seed004-xip.impact.json", json);
        assertThat(report.commits().get(1).variants()).containsExactly("xip-write-page-start");
    }

    @Test
    void seed004MailsWithoutRepository() throws Exception {
        Series s = normalise(SeriesSource.fromMbox(Fixtures.series("seed004-xip.mbox"), Optional.empty()), null);
        ImpactReport report = Impact.analyse(s, SampleScenarios.all(), rules());
        String text = report.toText();
        checkText(text);
        golden("seed004-xip.patch-text.impact.txt", text);
    }

    /** "This series touches the EOF check in the DAX fault path; these scenarios guard it." */
    @Test
    void rangeThatBreaksAndFixesTheEofCheck() throws Exception {
        TestRepo r = TestRepo.init(tmp.resolve("linux"));
        r.copyTree(Fixtures.series("trees/dax-mini")).commit("base");
        r.tag("v6.1-mini");
        r.replace("fs/dax.c", "	if (xas.xa_index >= max_pgoff)\n", "	if (xas.xa_index > max_pgoff)\n");
        String relax = r.commit("dax: relax the EOF check in the PMD fault path\n\n"
                        + "Signed-off-by: Series Tester <tester@example.org>\n")
                .getId()
                .abbreviate(12)
                .name();
        r.replace("fs/dax.c", "	if (xas.xa_index > max_pgoff)\n", "	if (xas.xa_index >= max_pgoff)\n");
        r.replace("fs/dax.c", "#define PG_PMD_NR	(PMD_SIZE >> PAGE_SHIFT)\n", "");
        r.commit("dax: fix the EOF check in the PMD fault path\n\n"
                + "Fixes: " + relax + " (\"dax: relax the EOF check in the PMD fault path\")\n"
                + "Signed-off-by: Series Tester <tester@example.org>\n");
        Series s = normalise(SeriesSource.fromRange(r.dir(), "v6.1-mini..HEAD"), r.dir());
        ImpactReport report = withCallGraph(r, s);
        String text = report.toText();
        String json = report.toJson();
        checkText(text);
        checkJson(json);
        golden("dax-eof-range.impact.txt", text);
        golden("dax-eof-range.impact.json", json);
        assertThat(report.commits().get(0).variants()).contains("dax-fault-eof-rounding");
    }
}

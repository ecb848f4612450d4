package dev.daxspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daxspec.check.CheckResult;
import dev.daxspec.check.ScenarioResult;
import dev.daxspec.check.VariantResult;
import dev.daxspec.oracle.kernel.Bug;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a real browser shows it: headless Chromium (Debian's {@code chromium}, which
 * ci/vm/setup installs) loads every page from {@code file://}; each page's DOM must hold what
 * the page claims (every scenario of its feature, every cell of the kill matrix with the
 * verdict check gave, every cell of the kernels by features), no script, every link must
 * resolve (a file of the report and the element its fragment names; outside, only
 * lore.kernel.org and git.kernel.org), and a screenshot of each must not be blank. Skipped,
 * with one line saying so, where no Chromium is installed.
 */
class ReportBrowserTest {

    /** Everything a page's DOM says that the test checks, gathered in the page. */
    private static final String PAGE_FACTS = "JSON.stringify({"
            + "ids: [...document.querySelectorAll('[id]')].map(e => e.id),"
            + "links: [...document.querySelectorAll('a[href]')].map(a => new URL(a.getAttribute('href'),"
            + " location.href).href),"
            + "scripts: document.querySelectorAll('script').length,"
            + "scenarios: [...document.querySelectorAll('section.scenario')].map(e => e.id),"
            + "cells: [...document.querySelectorAll('#kill-matrix rect')].map(r => [r.getAttribute('class'),"
            + " r.querySelector('title').textContent]),"
            + "features: document.querySelectorAll('#features tbody tr').length,"
            + "runCells: document.querySelectorAll('#kernels-by-features td.cell').length,"
            + "findings: document.querySelectorAll('.finding').length,"
            + "height: document.documentElement.scrollHeight})";

    @TempDir
    static Path tmp;

    private static Path chromium;
    private static Path site;
    private static Report report;
    private static Explored explored;
    private static final Map<String, JsonNode> facts = new HashMap<>();
    private static final Map<String, byte[]> screenshots = new HashMap<>();

    @BeforeAll
    static void renderEveryPage() throws IOException {
        Optional<Path> exe = Chromium.find();
        Assumptions.assumeTrue(
                exe.isPresent(),
                "no chromium on the PATH: the report's pages are not rendered"
                        + " (apt-get install chromium, or run ci/vm/setup)");
        chromium = exe.get();
        List<KernelResults> runs = new ArrayList<>();
        for (Path p : Inputs.threeRuns(tmp.resolve("runs"))) {
            runs.add(KernelResults.read(p));
        }
        explored = Explored.read(Inputs.exploration(tmp.resolve("explore")));
        report = new Report(Inputs.check(), Inputs.known(), runs, List.of(explored));
        site = tmp.resolve("site");
        report.write(site);
        ObjectMapper json = new ObjectMapper();
        try (Chromium c = Chromium.start(chromium, tmp.resolve("profile"), 1280, 900)) {
            for (String page : pages()) {
                c.load(site.resolve(page).toUri().toString());
                facts.put(page, json.readTree(c.evaluate(PAGE_FACTS).asText()));
                screenshots.put(page, c.screenshot());
            }
        }
    }

    @AfterAll
    static void dropThePages() {
        facts.clear();
        screenshots.clear();
    }

    @Test
    void everyPageIsRenderedWithoutAScriptAndIsNotBlank() throws IOException {
        assertThat(facts.keySet())
                .containsExactlyInAnyOrderElementsOf(pages())
                .hasSize(report.features().size() + 4);
        for (String page : pages()) {
            assertThat(facts.get(page).get("scripts").asInt()).as(page).isZero();
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(screenshots.get(page)));
            assertThat(img.getWidth()).as(page).isEqualTo(1280);
            Set<Integer> colours = new HashSet<>();
            int white = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    int rgb = img.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    white += rgb == 0xffffff ? 1 : 0;
                }
            }
            int sampled = (img.getWidth() / 2) * (img.getHeight() / 2);
            assertThat(colours).as(page + ": colours in the screenshot").hasSizeGreaterThan(20);
            assertThat(white).as(page + ": white pixels of " + sampled).isLessThan(sampled * 98 / 100);
        }
    }

    @Test
    void eachFeaturePageHoldsEveryScenarioOfItsFeatureInOrder() {
        for (FeatureView f : report.features()) {
            assertThat(strings(facts.get(f.page()).get("scenarios")))
                    .as(f.page())
                    .containsExactlyElementsOf(
                            f.scenarios().stream().map(v -> v.scenario().id()).toList());
        }
        assertThat(facts.get("index.html").get("features").asInt())
                .isEqualTo(report.features().size());
    }

    @Test
    void theKillMatrixHasACellPerVariantAndScenarioColouredAsCheckFoundIt() {
        CheckResult c = Inputs.check();
        JsonNode cells = facts.get("kill-matrix.html").get("cells");
        assertThat(cells.size()).isEqualTo(Bug.values().length * c.scenarios().size());
        Map<String, String> byCell = new HashMap<>();
        cells.forEach(cell -> byCell.put(
                cell.get(1).asText().replaceFirst(": [a-z ]+$", ""), cell.get(0).asText()));
        for (ScenarioResult v : c.scenarios()) {
            for (Bug b : Bug.values()) {
                String cls = byCell.get(v.scenario().id() + " \u00d7 " + b.id());
                String expected = v.kills().contains(b)
                        ? "killed"
                        : v.variants().get(b.ordinal()).outcome() == VariantResult.Outcome.UNPREDICTABLE
                                ? "unpredictable"
                                : "survived";
                assertThat(cls).as(v.scenario().id() + " x " + b.id()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theKernelsByFeaturesMatrixAndTheFindingsAreAllThere() {
        assertThat(facts.get("runs.html").get("runCells").asInt())
                .isEqualTo(report.features().size() * 3);
        assertThat(facts.get("explore.html").get("findings").asInt())
                .isEqualTo(explored.findings().size())
                .isPositive();
    }

    @Test
    void everyLinkResolves() {
        Map<String, Set<String>> ids = new HashMap<>();
        facts.forEach((page, f) -> ids.put(page, new HashSet<>(strings(f.get("ids")))));
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : facts.entrySet()) {
            for (String link : strings(e.getValue().get("links"))) {
                URI u = URI.create(link);
                if (u.getScheme().equals("https")) {
                    assertThat(u.getHost()).as(e.getKey() + ": " + link).isIn("lore.kernel.org", "git.kernel.org");
                    continue;
                }
                assertThat(u.getScheme()).as(e.getKey() + ": " + link).isEqualTo("file");
                Path target = Path.of(u.getPath());
                assertThat(target).as(e.getKey() + ": " + link).isRegularFile();
                assertThat(target.startsWith(site)).as(e.getKey() + ": " + link).isTrue();
                if (u.getFragment() != null) {
                    String page = site.relativize(target).toString();
                    assertThat(ids.get(page)).as(e.getKey() + ": " + link).contains(u.getFragment());
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    private static List<String> pages() throws IOException {
        try (Stream<Path> s = Files.walk(site)) {
            return s.filter(p -> p.toString().endsWith(".html"))
                    .map(p -> site.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

package dev.daxspec.report;

import dev.daxspec.check.ScenarioResult;
import dev.daxspec.emit.Verdict;
import java.util.List;
import java.util.Set;

/**
 * {@code runs.html}: the kernels by the features, each cell a kernel's tally over a
 * feature's scenarios, coloured by its most telling verdict and linked to the feature's
 * page; then per kernel the files read, its tally over every scenario, and its results that
 * are no scenario's (conformance cases), with the diff of each that did not pass.
 * Stateless.
 */
final class RunsPage {

    private RunsPage() {}

    static String html(Report r) {
        List<KernelResults> runs = r.results().runs();
        StringBuilder b = new StringBuilder();
        if (runs.isEmpty()) {
            b.append("<p class=\"lead\">No kernel run was given: <code>daxspec report --runs DIR</code> reads the"
                    + " JUnit files of <code>daxspec run</code>, <code>conform</code> and <code>series</code>.</p>\n");
            return Html.page("Kernel runs", "", b.toString());
        }
        b.append("<p class=\"lead\">")
                .append(runs.size())
                .append(runs.size() == 1 ? " kernel" : " kernels")
                .append(" by ")
                .append(r.features().size())
                .append(" features: each cell counts the feature's" + " scenarios by the kernel's verdict.</p>\n");
        b.append("<table id=\"kernels-by-features\">\n<thead><tr><th>feature</th>");
        for (int k = 0; k < runs.size(); k++) {
            b.append("<th class=\"kernel\">")
                    .append(Html.link("#run-" + k, runs.get(k).kernel()))
                    .append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (FeatureView f : r.features()) {
            b.append("<tr><td>").append(Html.link(f.page(), f.path())).append("</td>");
            for (int k = 0; k < runs.size(); k++) {
                Tally t = r.results().tally(k, f.scenarios());
                b.append("<td class=\"cell ")
                        .append(t.worst().map(Html::cssClass).orElse("absent"))
                        .append("\">")
                        .append(Html.link(f.page() + "#kernel-" + k, t.text()))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        List<ScenarioResult> all = r.check().scenarios();
        b.append("</tbody>\n<tfoot><tr><th>all ").append(all.size()).append(" scenarios</th>");
        for (int k = 0; k < runs.size(); k++) {
            Tally t = r.results().tally(k, all);
            b.append("<td class=\"")
                    .append(t.worst().map(Html::cssClass).orElse("absent"))
                    .append("\">")
                    .append(Html.escape(t.text()))
                    .append("</td>");
        }
        b.append("</tr></tfoot>\n</table>\n");
        Set<String> ids = r.scenarioIds();
        for (int k = 0; k < runs.size(); k++) {
            KernelResults run = runs.get(k);
            b.append("<section class=\"run\" id=\"run-")
                    .append(k)
                    .append("\">\n<h2>")
                    .append(Html.escape(run.kernel()))
                    .append("</h2>\n<p>Read from ")
                    .append(Html.escape(String.join(", ", run.sources())))
                    .append(". Scenarios: ")
                    .append(Html.escape(r.results().tally(k, all).text()))
                    .append(".</p>\n");
            List<KernelResult> others = r.results().others(k, ids);
            if (others.isEmpty()) {
                b.append("</section>\n");
                continue;
            }
            Tally t = Tally.of(others.stream().map(KernelResult::verdict).toList(), 0);
            b.append("<h3>Tests that are no scenario of these features: ")
                    .append(Html.escape(t.text()))
                    .append("</h3>\n<ul class=\"others\">\n");
            for (KernelResult x : others) {
                b.append("<li><span class=\"")
                        .append(Html.cssClass(x.verdict()))
                        .append("\">")
                        .append(x.verdict().label())
                        .append("</span> ")
                        .append(Html.escape(x.test()));
                if (x.verdict() != Verdict.PASS) {
                    b.append(x.message().isEmpty() ? "" : ": " + Html.escape(x.message()));
                    if (!x.detail().isEmpty()) {
                        b.append("\n<details><summary>")
                                .append(Html.escape(x.source()))
                                .append("</summary>\n")
                                .append(Html.diff(x.detail()))
                                .append("</details>");
                    }
                }
                b.append("</li>\n");
            }
            b.append("</ul>\n</section>\n");
        }
        return Html.page("Kernel runs: kernels by features", "", b.toString());
    }
}

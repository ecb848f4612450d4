package dev.daxspec.report;

import dev.daxspec.check.CheckResult;
import dev.daxspec.check.ScenarioResult;
import dev.daxspec.oracle.kernel.Bug;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code index.html}: what was checked and against what, then a row per feature: its file
 * and title, its rules, its threads, how many scenarios it has, how many pass on the
 * oracle, the variants they kill, and each kernel's tally; then the threads cited.
 * Stateless.
 */
final class IndexPage {

    private IndexPage() {}

    static String html(Report r) {
        CheckResult c = r.check();
        StringBuilder b = new StringBuilder();
        int judged = c.judged().size();
        b.append("<p class=\"lead\">")
                .append(r.features().size())
                .append(" features, ")
                .append(c.scenarios().size())
                .append(" scenarios. On the oracle: ")
                .append(c.passed())
                .append(" pass, ")
                .append(c.failed())
                .append(" fail. ")
                .append(judged - c.survivors().size())
                .append(" of ")
                .append(judged)
                .append(" historical-bug variants killed (")
                .append(Html.link("kill-matrix.html", "kill matrix"))
                .append(").");
        List<KernelResults> runs = r.results().runs();
        b.append(" Kernel runs: ")
                .append(
                        runs.isEmpty()
                                ? "none given"
                                : runs.size() + " (" + Html.link("runs.html", "kernels by features") + ")")
                .append(". Explorations: ")
                .append(
                        r.explored().isEmpty()
                                ? "none given"
                                : r.explored().size() + " (" + Html.link("explore.html", "findings") + ")")
                .append(".</p>\n");
        b.append("<table id=\"features\">\n<thead><tr><th>feature</th><th>rule</th><th>thread</th>"
                + "<th>scenarios</th><th>oracle</th><th>variants killed</th>");
        for (KernelResults k : runs) {
            b.append("<th class=\"kernel\">").append(Html.escape(k.kernel())).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        TreeSet<String> seeds = new TreeSet<>();
        for (FeatureView f : r.features()) {
            seeds.addAll(f.seeds());
            long pass = f.scenarios().stream().filter(ScenarioResult::passes).count();
            TreeSet<Bug> kills = new TreeSet<>();
            f.scenarios().forEach(s -> kills.addAll(s.kills()));
            b.append("<tr id=\"")
                    .append(Html.escape(f.page().replaceFirst("^features/", "").replaceFirst("\\.html$", "")))
                    .append("\"><td>")
                    .append(Html.link(f.page(), f.path()))
                    .append("<br><span class=\"title\">")
                    .append(Html.escape(f.title()))
                    .append("</span></td><td>")
                    .append(String.join(", ", f.rules()))
                    .append("</td><td>");
            b.append(String.join(
                    ", ",
                    f.seeds().stream().map(s -> Html.link("#thread-" + s, s)).toList()));
            b.append("</td><td class=\"n\">")
                    .append(f.scenarios().size())
                    .append("</td><td class=\"")
                    .append(pass == f.scenarios().size() ? "pass" : "fail")
                    .append("\">")
                    .append(pass)
                    .append(" pass")
                    .append(
                            pass == f.scenarios().size()
                                    ? ""
                                    : ", " + (f.scenarios().size() - pass) + " fail")
                    .append("</td><td>")
                    .append(Html.escape(
                            String.join(", ", kills.stream().map(Bug::id).toList())))
                    .append("</td>");
            for (int k = 0; k < runs.size(); k++) {
                Tally t = r.results().tally(k, f.scenarios());
                b.append("<td class=\"")
                        .append(t.worst().map(Html::cssClass).orElse("absent"))
                        .append("\">")
                        .append(Html.link(f.page() + "#kernel-" + k, t.text()))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        b.append("<h2 id=\"threads\">The threads the rules come from</h2>\n<dl class=\"threads\">\n");
        for (String s : seeds) {
            b.append("<dt id=\"thread-")
                    .append(s)
                    .append("\">@seed:")
                    .append(s)
                    .append("</dt><dd>")
                    .append(ThreadLink.html(s))
                    .append("</dd>\n");
        }
        b.append("</dl>\n");
        return Html.page("daxspec: the specification and its results", "", b.toString());
    }
}

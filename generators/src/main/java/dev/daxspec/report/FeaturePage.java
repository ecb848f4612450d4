package dev.daxspec.report;

import dev.daxspec.check.ScenarioResult;
import dev.daxspec.conform.Conformance;
import dev.daxspec.diff.UnifiedDiff;
import dev.daxspec.emit.KnownDeviation;
import dev.daxspec.emit.Verdict;
import dev.daxspec.oracle.kernel.Bug;
import dev.daxspec.spec.CompiledScenario;
import dev.daxspec.spec.StepRef;
import dev.daxspec.spec.Violation;
import java.util.List;
import java.util.Optional;

/**
 * {@code features/NAME.html}: a feature's rule and thread, each kernel's tally, then each
 * scenario: its steps as written (with their lines), its verdict on the oracle and the
 * variants it kills, the oracle's transcript (each one a crash allows), the deviation
 * recorded for it, and per kernel its verdict with the kernel's transcript and the diff
 * where it differs from the oracle's. Stateless.
 */
final class FeaturePage {

    private FeaturePage() {}

    static String html(Report r, FeatureView f) {
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"where\">")
                .append(Html.escape(f.path()))
                .append(" · rule ")
                .append(String.join(", ", f.rules()))
                .append(" · ")
                .append(f.scenarios().size())
                .append(" scenarios</p>\n");
        // the opening paragraph as the feature file has it: lines joined, blank lines between paragraphs
        for (String para : String.join("\n", f.about()).split("\n\\s*\n")) {
            if (!para.isBlank()) {
                b.append("<p class=\"about\">")
                        .append(Html.escape(para.replace('\n', ' ')))
                        .append("</p>\n");
            }
        }
        for (String s : f.seeds()) {
            b.append("<p class=\"thread\">Thread: ").append(ThreadLink.html(s)).append("</p>\n");
        }
        List<KernelResults> runs = r.results().runs();
        if (!runs.isEmpty()) {
            b.append("<table class=\"tally\"><thead><tr><th>kernel</th><th>scenarios</th><th>not passing</th></tr>"
                    + "</thead><tbody>\n");
            for (int k = 0; k < runs.size(); k++) {
                Tally t = r.results().tally(k, f.scenarios());
                b.append("<tr id=\"kernel-")
                        .append(k)
                        .append("\"><td>")
                        .append(Html.escape(runs.get(k).kernel()))
                        .append("</td><td class=\"")
                        .append(t.worst().map(Html::cssClass).orElse("absent"))
                        .append("\">")
                        .append(Html.escape(t.text()))
                        .append("</td><td>");
                int kernel = k;
                List<String> bad = f.scenarios().stream()
                        .map(ScenarioResult::scenario)
                        .filter(s -> r.results()
                                .verdict(kernel, s.id())
                                .filter(v -> v != Verdict.PASS)
                                .isPresent())
                        .map(s -> Html.link(
                                "#" + s.id(),
                                s.id() + " "
                                        + r.results()
                                                .verdict(kernel, s.id())
                                                .get()
                                                .label()))
                        .toList();
                b.append(String.join(", ", bad)).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        for (ScenarioResult v : f.scenarios()) {
            scenario(b, r, v);
        }
        return Html.page(f.title(), "../", b.toString());
    }

    private static void scenario(StringBuilder b, Report r, ScenarioResult v) {
        CompiledScenario s = v.scenario();
        b.append("<section class=\"scenario\" id=\"")
                .append(Html.escape(s.id()))
                .append("\">\n<h2>")
                .append(Html.link("#" + s.id(), s.name()))
                .append("</h2>\n");
        b.append("<p class=\"where\">")
                .append(Html.escape(s.location()))
                .append(" · <span class=\"")
                .append(v.passes() ? "pass\">PASS" : "fail\">FAIL")
                .append("</span> on the oracle · kills: ");
        List<Bug> kills = v.kills();
        b.append(
                kills.isEmpty()
                        ? "none"
                        : String.join(
                                ", ",
                                kills.stream()
                                        .map(k -> Html.link("../kill-matrix.html#" + k.id(), k.id()))
                                        .toList()));
        b.append("</p>\n<pre class=\"steps\">");
        int width = s.steps().stream()
                .mapToInt(st -> Integer.toString(st.line()).length())
                .max()
                .orElse(1);
        for (StepRef st : s.steps()) {
            String line = Integer.toString(st.line());
            b.append("<span class=\"line\">")
                    .append(" ".repeat(width - line.length()))
                    .append(line)
                    .append("</span>  ")
                    .append(Html.escape(st.text()))
                    .append('\n');
        }
        b.append("</pre>\n");
        for (Violation viol : v.correct().violations()) {
            b.append(Html.pre("violation", viol.toString()));
        }
        List<String> expected = v.correct().transcripts();
        for (int i = 0; i < expected.size(); i++) {
            b.append("<details class=\"oracle\"><summary>The oracle's transcript")
                    .append(
                            expected.size() == 1
                                    ? ""
                                    : ", outcome " + (i + 1) + " of " + expected.size()
                                            + " (the states a crash may leave)")
                    .append("</summary>\n")
                    .append(Html.pre("transcript", expected.get(i)))
                    .append("</details>\n");
        }
        Optional<KnownDeviation> d = r.known().forCase(s.id());
        d.ifPresent(k -> b.append("<p class=\"known-deviation\">Recorded deviation: ")
                .append(Html.escape(k.kernel()))
                .append(" departs from ")
                .append(Html.escape(k.rule()))
                .append(": ")
                .append(Html.escape(k.why()))
                .append("</p>\n"));
        List<KernelResults> runs = r.results().runs();
        for (int k = 0; k < runs.size(); k++) {
            List<KernelResult> results = r.results().of(k, s.id());
            b.append("<div class=\"kernel\"><h3>")
                    .append(Html.escape(runs.get(k).kernel()))
                    .append(": ");
            if (results.isEmpty()) {
                b.append("<span class=\"absent\">not in this run</span></h3></div>\n");
                continue;
            }
            b.append("<span class=\"")
                    .append(Html.cssClass(r.results().verdict(k, s.id()).get()))
                    .append("\">")
                    .append(r.results().verdict(k, s.id()).get().label())
                    .append("</span></h3>\n");
            for (KernelResult x : results) {
                result(b, x, expected);
            }
            b.append("</div>\n");
        }
        b.append("</section>\n");
    }

    /** One result: its verdict, its file, and what the kernel printed where it is not the oracle's. */
    static void result(StringBuilder b, KernelResult x, List<String> expected) {
        b.append("<p class=\"result\"><span class=\"")
                .append(Html.cssClass(x.verdict()))
                .append("\">")
                .append(x.verdict().label())
                .append("</span> in ")
                .append(Html.escape(x.source()))
                .append(x.message().isEmpty() ? "" : ": " + Html.escape(x.message()))
                .append("</p>\n");
        if (x.transcript().isPresent() && !expected.isEmpty()) {
            String actual = x.transcript().get();
            if (expected.contains(actual)) {
                b.append("<p class=\"same\">The kernel printed the oracle's transcript.</p>\n");
                return;
            }
            String closest = Conformance.closest(expected, actual);
            b.append(Html.diff(UnifiedDiff.of("oracle", closest, "kernel", actual)));
            b.append("<details class=\"actual\"><summary>The kernel's transcript</summary>\n")
                    .append(Html.pre("transcript", actual))
                    .append("</details>\n");
        } else if (!x.detail().isEmpty()) {
            b.append(Html.diff(x.detail()));
        } else if (!x.output().isEmpty() && x.verdict() != Verdict.PASS) {
            b.append(Html.pre("output", x.output()));
        }
    }
}

package dev.daxspec.report;

import dev.daxspec.explore.Summary;

/**
 * {@code explore.html}: per exploration given, what ran against what and how many programs
 * differed, then each finding: new or a known deviation, its signature and target, its
 * shrunk program (the conformance case explore wrote) and its diff. Stateless.
 */
final class ExplorePage {

    private ExplorePage() {}

    static String html(Report r) {
        StringBuilder b = new StringBuilder();
        if (r.explored().isEmpty()) {
            b.append("<p class=\"lead\">No exploration was given: <code>daxspec report --explore DIR</code> reads"
                    + " what <code>daxspec explore --out DIR</code> wrote.</p>\n");
        }
        for (int i = 0; i < r.explored().size(); i++) {
            Explored e = r.explored().get(i);
            Summary s = e.summary();
            b.append("<section class=\"exploration\" id=\"explore-")
                    .append(i)
                    .append("\">\n<h2>")
                    .append(Html.escape(e.name()))
                    .append("</h2>\n<p>Against ")
                    .append(Html.escape(s.backend()))
                    .append(" (kernel ")
                    .append(Html.escape(s.release()))
                    .append("). ")
                    .append(s.programs())
                    .append(" programs: ")
                    .append(s.agreed())
                    .append(" agree with the oracle, ")
                    .append(s.differed())
                    .append(" differ, ")
                    .append(s.flaky())
                    .append(" flaky, ")
                    .append(s.trouble())
                    .append(" trouble. ")
                    .append(s.findings().size())
                    .append(s.findings().size() == 1 ? " finding, " : " findings, ")
                    .append(s.newFindings())
                    .append(" new.</p>\n");
            if (!s.source().isEmpty()) {
                b.append(Html.pre("source", String.join("\n", s.source())));
            }
            for (Explored.Finding f : e.findings()) {
                Summary.Entry en = f.entry();
                b.append("<div class=\"finding\" id=\"explore-")
                        .append(i)
                        .append("-")
                        .append(Html.escape(en.directory()))
                        .append("\">\n<h3><span class=\"")
                        .append(en.status().equals("NEW") ? "fail" : "known-deviation")
                        .append("\">")
                        .append(Html.escape(en.status()))
                        .append("</span> ")
                        .append(Html.escape(en.directory()))
                        .append(": ")
                        .append(Html.escape(en.signature()))
                        .append("</h3>\n<p>")
                        .append(Html.escape(en.target()))
                        .append("; ")
                        .append(en.programs())
                        .append(en.programs() == 1 ? " program" : " programs")
                        .append(" showed it; shrunk to ")
                        .append(en.commands())
                        .append(" commands")
                        .append(en.known().isEmpty() ? "" : "; known deviation " + Html.escape(en.known()))
                        .append(".</p>\n");
                b.append("<h4>The shrunk program (findings/")
                        .append(Html.escape(en.directory()))
                        .append("/program.case)</h4>\n")
                        .append(Html.pre("program", f.program()));
                b.append("<h4>Oracle against kernel</h4>\n")
                        .append(Html.diff(f.diff()))
                        .append("</div>\n");
            }
            b.append("</section>\n");
        }
        return Html.page("Exploration: programs the oracle and a kernel disagree on", "", b.toString());
    }
}

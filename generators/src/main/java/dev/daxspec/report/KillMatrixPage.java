package dev.daxspec.report;

import dev.daxspec.check.CheckResult;
import dev.daxspec.check.ScenarioResult;
import dev.daxspec.check.VariantResult;
import dev.daxspec.oracle.kernel.Bug;
import java.util.List;

/**
 * {@code kill-matrix.html}: the kill matrix as a picture, an inline SVG of the historical-bug
 * variants (rows, each linked to its commit or thread) by the scenarios (columns, grouped by
 * feature, each linked to its scenario), each cell coloured killed, survived or
 * unpredictable (the oracle cannot run the scenario on that variant); then a row per
 * variant: its rule, thread, commit, what it breaks, and how many scenarios kill it.
 * Stateless.
 */
final class KillMatrixPage {

    /** Geometry of the picture, in pixels. */
    private static final int LABEL = 230;

    private static final int CELL_W = 6;
    private static final int CELL_H = 16;
    private static final int GAP = 5;
    private static final int HEAD = 20;

    private KillMatrixPage() {}

    static String html(Report r) {
        CheckResult c = r.check();
        List<Bug> bugs = List.of(Bug.values());
        int columns = c.scenarios().size();
        int width = LABEL + columns * CELL_W + Math.max(0, r.features().size() - 1) * GAP + 2;
        int height = HEAD + bugs.size() * CELL_H + 2;
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"lead\">")
                .append(bugs.size())
                .append(" variants by ")
                .append(columns)
                .append(" scenarios. A cell is <span class=\"killed\">killed</span> when a claim of the scenario"
                        + " fails on the variant, <span class=\"survived\">survived</span> when every claim holds,"
                        + " <span class=\"unpredictable\">unpredictable</span> when the oracle cannot run it there;"
                        + " <span class=\"not-judged\">not judged</span> rows break a rule no scenario here states."
                        + " Point at a cell for its scenario and variant; a column links to its scenario.</p>\n");
        b.append("<div class=\"matrix\"><svg id=\"kill-matrix\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-label=\"kill matrix: ")
                .append(bugs.size())
                .append(" variants by ")
                .append(columns)
                .append(" scenarios\">\n");
        for (int i = 0; i < bugs.size(); i++) {
            Bug bug = bugs.get(i);
            b.append("<a href=\"")
                    .append(Html.escape(href(bug, "")))
                    .append("\"><text class=\"variant\" x=\"")
                    .append(LABEL - 6)
                    .append("\" y=\"")
                    .append(HEAD + i * CELL_H + CELL_H - 4)
                    .append("\">")
                    .append(Html.escape(bug.id()))
                    .append("</text></a>\n");
        }
        int x = LABEL;
        for (int fi = 0; fi < r.features().size(); fi++) {
            FeatureView f = r.features().get(fi);
            b.append("<a href=\"")
                    .append(Html.escape(f.page()))
                    .append("\"><text class=\"feature\" x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(HEAD - 6)
                    .append("\">F")
                    .append(fi + 1)
                    .append("<title>")
                    .append(Html.escape(f.path()))
                    .append("</title></text></a>\n");
            for (ScenarioResult v : f.scenarios()) {
                b.append("<a href=\"").append(Html.escape(f.link(v.scenario()))).append("\">");
                for (int i = 0; i < bugs.size(); i++) {
                    String cls = cell(c, v, bugs.get(i));
                    b.append("<rect class=\"")
                            .append(cls)
                            .append("\" x=\"")
                            .append(x)
                            .append("\" y=\"")
                            .append(HEAD + i * CELL_H)
                            .append("\" width=\"")
                            .append(CELL_W - 1)
                            .append("\" height=\"")
                            .append(CELL_H - 1)
                            .append("\"><title>")
                            .append(Html.escape(v.scenario().id()))
                            .append(" \u00d7 ")
                            .append(bugs.get(i).id())
                            .append(": ")
                            .append(cls.replace('-', ' '))
                            .append("</title></rect>");
                }
                b.append("</a>\n");
                x += CELL_W;
            }
            x += GAP;
        }
        b.append("</svg></div>\n");
        b.append("<ol class=\"features\">\n");
        for (FeatureView f : r.features()) {
            b.append("<li>")
                    .append(Html.link(f.page(), f.path()))
                    .append(" (")
                    .append(f.scenarios().size())
                    .append(")</li>\n");
        }
        b.append("</ol>\n<table id=\"variants\">\n<thead><tr><th>variant</th><th>rule</th><th>thread</th>"
                + "<th>commit</th><th>what it breaks</th><th>killed by</th></tr></thead>\n<tbody>\n");
        for (Bug bug : bugs) {
            int killers = c.killers(bug).size();
            b.append("<tr id=\"")
                    .append(bug.id())
                    .append("\"><td>")
                    .append(Html.link(href(bug, ""), bug.id()))
                    .append("</td><td>")
                    .append(bug.rule())
                    .append("</td><td>")
                    .append(Html.link(ThreadLink.href(bug.seed(), ""), "@seed:" + bug.seed()))
                    .append("</td><td>")
                    .append(
                            bug.commit().isEmpty()
                                    ? ""
                                    : Html.link(commit(bug), bug.commit().substring(0, 12)))
                    .append("</td><td>")
                    .append(Html.escape(bug.summary()))
                    .append("</td><td class=\"")
                    .append(
                            !c.judges(bug)
                                    ? "not-judged\">not judged"
                                    : killers == 0
                                            ? "survived\">SURVIVES"
                                            : "killed\">" + killers + (killers == 1 ? " scenario" : " scenarios"))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        return Html.page("Kill matrix: each historical bug, the scenarios that catch it", "", b.toString());
    }

    /** A cell's class: {@code killed}, {@code survived}, {@code unpredictable} or {@code not-judged}. */
    static String cell(CheckResult c, ScenarioResult v, Bug bug) {
        if (!c.judges(bug)) {
            return "not-judged";
        }
        if (v.kills().contains(bug)) {
            return "killed";
        }
        VariantResult vv = v.variants().get(bug.ordinal());
        return vv.outcome() == VariantResult.Outcome.UNPREDICTABLE ? "unpredictable" : "survived";
    }

    /** Where a variant is linked: its commit, else its thread. */
    static String href(Bug bug, String root) {
        return bug.commit().isEmpty() ? ThreadLink.href(bug.seed(), root) : commit(bug);
    }

    private static String commit(Bug bug) {
        return "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=" + bug.commit();
    }
}

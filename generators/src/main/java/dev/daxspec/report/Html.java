package dev.daxspec.report;

import dev.daxspec.emit.Verdict;

/**
 * The HTML the report is made of: escaping, the page around a body, and preformatted text
 * with a diff's lines marked. No script, no fetched font: a page is its HTML and the one
 * stylesheet beside the index. Stateless.
 */
final class Html {

    private Html() {}

    /** {@code s} as HTML text or attribute value: {@code & < > " '} escaped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A whole page: {@code title} in the head and as the heading, the stylesheet at
     * {@code root + "style.css"}, the navigation, then {@code body}.
     *
     * @param root the way from the page to the report's top directory: {@code ""} or {@code "../"}
     */
    static String page(String title, String root, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + root + "style.css\">\n</head>\n<body>\n"
                + "<nav><a href=\"" + root + "index.html\">Features</a> <a href=\"" + root
                + "kill-matrix.html\">Kill matrix</a> <a href=\"" + root + "runs.html\">Kernel runs</a> <a href=\""
                + root + "explore.html\">Exploration</a> <a href=\"" + root + "summary.txt\">summary.txt</a></nav>\n"
                + "<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
    }

    /** A link; {@code href} is escaped too. */
    static String link(String href, String text) {
        return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
    }

    /** Preformatted text. */
    static String pre(String cssClass, String text) {
        return "<pre class=\"" + cssClass + "\">" + escape(text) + "</pre>\n";
    }

    /** A unified diff, its added and removed lines marked for the stylesheet. */
    static String diff(String diff) {
        StringBuilder sb = new StringBuilder("<pre class=\"diff\">");
        diff.lines().forEach(l -> {
            String cls = l.startsWith("+++") || l.startsWith("---")
                    ? ""
                    : l.startsWith("+") ? "add" : l.startsWith("-") ? "del" : l.startsWith("@@") ? "hunk" : "";
            sb.append(cls.isEmpty() ? escape(l) : "<span class=\"" + cls + "\">" + escape(l) + "</span>")
                    .append('\n');
        });
        return sb.append("</pre>\n").toString();
    }

    /** The CSS class of a verdict: {@code pass}, {@code fail}, {@code known-deviation}, {@code notrun}, {@code infra}. */
    static String cssClass(Verdict v) {
        return v.label().toLowerCase(java.util.Locale.ROOT);
    }
}

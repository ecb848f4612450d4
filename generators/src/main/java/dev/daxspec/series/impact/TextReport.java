package dev.daxspec.series.impact;

import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.FixesRef;
import dev.daxspec.series.FunctionBasis;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.Trailer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders an {@link ImpactReport} as text in full: the counts, the scenarios to run,
 * then one block per commit with why each scenario guards it, then notes. Plain ASCII,
 * lines wrapped at 78 columns (see {@link AsciiText}). {@link ReviewSummary} is the short
 * form.
 */
final class TextReport {

    private final AsciiText out = new AsciiText();

    private TextReport() {}

    /** The whole report: the counts, then {@link #details}. */
    static String render(ImpactReport r) {
        TextReport t = new TextReport();
        t.header(r);
        t.body(r);
        return t.out.text();
    }

    /** What follows the counts: the scenarios to run, each commit, the notes. */
    static String details(ImpactReport r) {
        TextReport t = new TextReport();
        t.body(r);
        return t.out.text();
    }

    private void header(ImpactReport r) {
        ImpactReport.Summary s = r.summary();
        line("daxspec series impact");
        wrap("Source:    ", "           ", r.source());
        r.coverLetter().ifPresent(c -> wrap("Cover:     ", "           ", c));
        wrap(
                "Series:    ",
                "           ",
                count(s.commits(), "commit") + ", " + count(s.files(), "file") + ", " + count(s.functions(), "function")
                        + " touched");
        wrap(
                "Guarded:   ",
                "           ",
                count(s.scenarios(), "scenario") + " in "
                        + count(s.features(), "feature")
                        + (s.variants().isEmpty() ? "" : ", killing " + String.join(" ", s.variants())));
        if (r.killMatrixStated()) {
            wrap(
                    "Variants:  ",
                    "           ",
                    r.killMatrix()
                            .map(f -> "from the kill matrix " + f)
                            .orElse("not shown: no kill matrix given (--kills FILE, written by daxspec check)"));
        }
        if (s.unguarded() > 0) {
            wrap("Unguarded: ", "           ", count(s.unguarded(), "touched place") + " no scenario guards");
        }
        line("");
    }

    private void body(ImpactReport r) {
        if (!r.selected().isEmpty()) {
            line("Scenarios to run:");
            for (ImpactReport.Selection sel : r.selected()) {
                GuardedScenario g = sel.scenario();
                wrap("  ", "      ", g.location() + "  " + g.name());
                if (!g.killedVariants().isEmpty()) {
                    wrap("    kills:   ", "             ", String.join(" ", g.killedVariants()));
                }
                wrap(
                        "    commits: ",
                        "             ",
                        sel.commits().stream().map(String::valueOf).collect(Collectors.joining(" ")));
            }
            line("");
        }
        int n = r.commits().size();
        for (CommitImpact c : r.commits()) {
            commit(c, n);
            line("");
        }
        if (!r.diagnostics().isEmpty()) {
            line("Notes:");
            for (Diagnostic d : r.diagnostics()) {
                wrap("  ", "    ", d.toString());
            }
        }
    }

    private void commit(CommitImpact ci, int n) {
        SeriesCommit c = ci.commit();
        String head = "[" + c.index() + "/" + n + "] ";
        wrap(
                head,
                " ".repeat(head.length()),
                (c.origin() == SeriesCommit.Origin.COMMIT ? c.shortId() + " " : "") + c.subject());
        if (c.origin() == SeriesCommit.Origin.MAIL) {
            wrap(
                    "  Id:      ",
                    "           ",
                    c.id() + c.patchTag().map(t -> " [" + t + "]").orElse(""));
        }
        if (!c.author().isEmpty()) {
            wrap("  Author:  ", "           ", c.author());
        }
        if (!c.date().isEmpty()) {
            wrap("  Date:    ", "           ", c.date());
        }
        for (FixesRef f : c.fixes()) {
            wrap(
                    "  Fixes:   ",
                    "           ",
                    f.id()
                            + (f.subject().isEmpty() ? "" : " (\"" + f.subject() + "\")")
                            + f.resolved().map(id -> " = " + id).orElse(""));
        }
        for (Trailer t : c.trailers()) {
            if (t.is("Acked-by") || t.is("Reviewed-by")) {
                wrap("  " + pad(t.key() + ":", 9), "           ", t.value());
            }
        }
        line("  Files:");
        boolean fromText = false;
        for (ChangedFile f : c.files()) {
            fromText |= f.basis() == FunctionBasis.PATCH_TEXT;
            wrap("    " + letter(f) + " ", "        ", file(f));
        }
        if (fromText) {
            line("    (functions read from the patch text, not the files)");
        }
        if (ci.matches().isEmpty()) {
            line("  Guarded by no scenario.");
        } else {
            line("  Guarded by " + count(ci.matches().size(), "scenario") + ":");
            for (ScenarioMatch m : ci.matches()) {
                GuardedScenario g = m.scenario();
                wrap("    ", "      ", g.location() + "  " + g.name());
                for (MatchReason why : m.reasons()) {
                    wrap("      why:   ", "             ", why.text());
                }
                if (!g.killedVariants().isEmpty()) {
                    wrap("      kills: ", "             ", String.join(" ", g.killedVariants()));
                }
            }
        }
        if (!ci.unguarded().isEmpty()) {
            wrap("  Unguarded: ", "             ", String.join(" ", ci.unguarded()));
        }
        if (!ci.variants().isEmpty()) {
            wrap("  Catches: ", "           ", String.join(" ", ci.variants()));
        }
    }

    /** {@code path: f1, f2}, a rename as {@code old -> new}, {@code (whole file)} when its functions are unknown. */
    static String file(ChangedFile f) {
        String names =
                f.oldPath() != null && f.newPath() != null && !f.oldPath().equals(f.newPath())
                        ? f.oldPath() + " -> " + f.newPath()
                        : f.path();
        StringBuilder b = new StringBuilder(names);
        List<String> fs = f.functions();
        if (f.basis() == FunctionBasis.NONE) {
            b.append(" (whole file)");
        } else {
            if (!fs.isEmpty()) {
                b.append(": ").append(String.join(", ", fs));
            }
            if (f.outsideFunctions()) {
                b.append(fs.isEmpty() ? " (outside functions)" : "; and outside functions");
            }
        }
        return b.toString();
    }

    private static String letter(ChangedFile f) {
        return switch (f.change()) {
            case ADD -> "A";
            case MODIFY -> "M";
            case DELETE -> "D";
            case RENAME -> "R";
            case COPY -> "C";
        };
    }

    private static String count(int n, String what) {
        return AsciiText.count(n, what);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s + " " : s + " ".repeat(w - s.length());
    }

    private void line(String s) {
        out.line(s);
    }

    private void wrap(String first, String indent, String text) {
        out.wrap(first, indent, text);
    }
}

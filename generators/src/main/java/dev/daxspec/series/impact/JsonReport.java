package dev.daxspec.series.impact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.FixesRef;
import dev.daxspec.series.Hunk;
import dev.daxspec.series.PatchTag;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.Trailer;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Locale;

/**
 * Renders an {@link ImpactReport} as JSON with Jackson. Fields always appear
 * in the order below; absent values are {@code null}, empty lists {@code []};
 * enum values are lower case. Two-space indentation, {@code \n} line ends, a
 * final newline.
 *
 * <pre>
 * {
 *   "format": "daxspec.series.impact", "version": 1,
 *   "source": "range v1..HEAD in /src/linux",
 *   "coverLetter": null | "subject of [PATCH 0/n]",
 *   "killMatrix": null | "the kill matrix file the variants come from",
 *   "summary": {"commits", "files", "functions", "scenarios", "features",
 *               "variants": [..], "unguarded"},
 *   "scenarios": [ {"id", "feature", "line", "name", "variants": [..],
 *                   "commits": [1-based commit indexes]} ],
 *   "commits": [ {
 *     "index", "origin": "commit" | "mail", "id", "shortId", "subject",
 *     "author", "date",
 *     "patch": null | {"version", "number", "total", "rfc", "resend", "other": [..]},
 *     "trailers": [ {"key", "value"} ],
 *     "fixes": [ {"id", "subject", "resolved": null | "full id"} ],
 *     "files": [ {"change": "add" | "modify" | "delete" | "rename" | "copy",
 *                 "oldPath": null | .., "newPath": null | ..,
 *                 "basis": "file_content" | "patch_text" | "none",
 *                 "functions": [..], "outsideFunctions": bool,
 *                 "hunks": [ {"oldStart", "oldCount", "newStart", "newCount",
 *                             "context", "functions": [..]} ]} ],
 *     "matches": [ {"id", "feature", "line", "name", "variants": [..], "rank",
 *                   "reasons": [ {"kind": "function" | "outside_functions" |
 *                                "file" | "under" | "rule" | "called_by" |
 *                                "calls" | "same_file",
 *                                "touched", "target", "rule",
 *                                "chain": [..], "text"} ]} ],
 *     "unguarded": [..], "variants": [..]
 *   } ],
 *   "diagnostics": [ {"severity": "info" | "warning" | "error", "source",
 *                     "line", "message"} ]
 * }
 * </pre>
 *
 * <p>A commit's {@code "matches"} are ordered by {@code "rank"}
 * ({@link ScenarioMatch#rank()}: 0 for a tag or rule naming the touched code,
 * the number of calls for {@code called_by} and {@code calls}, 2147483647 for
 * the {@code same_file} fallback), then feature, line and id. A reason's
 * {@code "chain"} is {@link MatchReason#chain()}: the functions from the
 * touched one to the target, for {@code called_by} and {@code calls};
 * {@code []} otherwise.
 */
final class JsonReport {

    /** The value of {@code "format"}. */
    static final String FORMAT = "daxspec.series.impact";

    /** The value of {@code "version"}; raised when a field changes meaning or goes away. */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {}

    static String render(ImpactReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("source", r.source());
        root.put("coverLetter", r.coverLetter().orElse(null));
        root.put("killMatrix", r.killMatrix().orElse(null));
        ImpactReport.Summary s = r.summary();
        ObjectNode sum = root.putObject("summary");
        sum.put("commits", s.commits());
        sum.put("files", s.files());
        sum.put("functions", s.functions());
        sum.put("scenarios", s.scenarios());
        sum.put("features", s.features());
        strings(sum.putArray("variants"), s.variants());
        sum.put("unguarded", s.unguarded());
        ArrayNode scenarios = root.putArray("scenarios");
        for (ImpactReport.Selection sel : r.selected()) {
            ObjectNode o = scenario(scenarios.addObject(), sel.scenario());
            ArrayNode cs = o.putArray("commits");
            sel.commits().forEach(cs::add);
        }
        ArrayNode commits = root.putArray("commits");
        for (CommitImpact ci : r.commits()) {
            commit(commits.addObject(), ci);
        }
        ArrayNode diags = root.putArray("diagnostics");
        for (Diagnostic d : r.diagnostics()) {
            ObjectNode o = diags.addObject();
            o.put("severity", lower(d.severity()));
            o.put("source", d.source());
            o.put("line", d.line());
            o.put("message", d.message());
        }
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        pp.indentObjectsWith(indent);
        pp.indentArraysWith(indent);
        try {
            return MAPPER.writer(pp).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode scenario(ObjectNode o, GuardedScenario g) {
        o.put("id", g.id());
        o.put("feature", g.feature());
        o.put("line", g.line());
        o.put("name", g.name());
        strings(o.putArray("variants"), g.killedVariants());
        return o;
    }

    private static void commit(ObjectNode o, CommitImpact ci) {
        SeriesCommit c = ci.commit();
        o.put("index", c.index());
        o.put("origin", lower(c.origin()));
        o.put("id", c.id());
        o.put("shortId", c.shortId());
        o.put("subject", c.subject());
        o.put("author", c.author());
        o.put("date", c.date());
        if (c.patchTag().isPresent()) {
            PatchTag t = c.patchTag().get();
            ObjectNode p = o.putObject("patch");
            p.put("version", t.version());
            p.put("number", t.number());
            p.put("total", t.total());
            p.put("rfc", t.rfc());
            p.put("resend", t.resend());
            strings(p.putArray("other"), t.other());
        } else {
            o.putNull("patch");
        }
        ArrayNode trailers = o.putArray("trailers");
        for (Trailer t : c.trailers()) {
            ObjectNode x = trailers.addObject();
            x.put("key", t.key());
            x.put("value", t.value());
        }
        ArrayNode fixes = o.putArray("fixes");
        for (FixesRef f : c.fixes()) {
            ObjectNode x = fixes.addObject();
            x.put("id", f.id());
            x.put("subject", f.subject());
            x.put("resolved", f.resolved().orElse(null));
        }
        ArrayNode files = o.putArray("files");
        for (ChangedFile f : c.files()) {
            ObjectNode x = files.addObject();
            x.put("change", lower(f.change()));
            x.put("oldPath", f.oldPath());
            x.put("newPath", f.newPath());
            x.put("basis", lower(f.basis()));
            strings(x.putArray("functions"), f.functions());
            x.put("outsideFunctions", f.outsideFunctions());
            ArrayNode hunks = x.putArray("hunks");
            for (Hunk h : f.hunks()) {
                ObjectNode y = hunks.addObject();
                y.put("oldStart", h.oldStart());
                y.put("oldCount", h.oldCount());
                y.put("newStart", h.newStart());
                y.put("newCount", h.newCount());
                y.put("context", h.context());
                strings(y.putArray("functions"), h.functions());
            }
        }
        ArrayNode matches = o.putArray("matches");
        for (ScenarioMatch m : ci.matches()) {
            ObjectNode x = scenario(matches.addObject(), m.scenario());
            x.put("rank", m.rank());
            ArrayNode reasons = x.putArray("reasons");
            for (MatchReason why : m.reasons()) {
                ObjectNode y = reasons.addObject();
                y.put("kind", lower(why.kind()));
                y.put("touched", why.touched());
                y.put("target", why.target());
                y.put("rule", why.rule());
                strings(y.putArray("chain"), why.chain());
                y.put("text", why.text());
            }
        }
        strings(o.putArray("unguarded"), ci.unguarded());
        strings(o.putArray("variants"), ci.variants());
    }

    private static void strings(ArrayNode a, Collection<String> values) {
        values.forEach(a::add);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}

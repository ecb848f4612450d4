package dev.daxspec.series.regress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daxspec.suite.SuiteRunner.Outcome;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link Comparison} as a KCIDB (kernelci.org common reporting) report, I/O schema v5.3,
 * kcidb-io's latest: one checkout and one build per kernel, one test per test and kernel.
 *
 * <p>Ids are unique per run, as KCIDB needs them to be among all of an origin's objects:
 * {@code daxspec:RUN:base} for the base kernel's checkout, {@code daxspec:RUN:base:build} for
 * its build, {@code daxspec:RUN:base:N} for its N-th test (from 1, in the comparison's
 * order), where RUN names the run ({@code daxspec series} gives a random UUID). A checkout
 * has the kernel's git commit ({@code git_commit_hash}) when {@code --range} gave it, and the
 * repository's URL when its {@code origin} remote is an https URL, as the schema requires.
 * A test's {@code path} is {@code daxspec.} and its id with every character but letters,
 * digits, {@code _} and {@code -} made {@code _} (KCIDB paths are dot-separated); its
 * {@code status}: {@code PASS} (pass, or a known deviation, which {@code daxspec run} counts
 * as passed), {@code FAIL} with the diff of expected and actual output as its
 * {@code log_excerpt}, {@code SKIP} (not run: the machine could not do what the test needs),
 * {@code ERROR} (the harness got no answer, twice: a timeout or a lost VM) or {@code MISS}
 * (no result on that kernel). Its {@code misc} keeps daxspec's own words: the test id, the
 * verdict, its detail, and what the series did to it ({@code series_change}). The same
 * comparison and run give the same report.
 */
public final class KcidbReport {

    /** The origin of every object. */
    public static final String ORIGIN = "daxspec";

    /** The schema's limit on a log excerpt, in characters. */
    static final int LOG_EXCERPT_MAX = 16384;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern NOT_IN_PATH = Pattern.compile("[^A-Za-z0-9_-]");
    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9_-]+");

    private KcidbReport() {}

    /**
     * @param run names the run in every id: letters, digits, {@code _} and {@code -}
     * @param repositoryUrl the kernel repository's https URL, when known
     * @return the report, pretty-printed JSON ending with a newline
     */
    public static String render(Comparison c, String run, Optional<String> repositoryUrl) {
        if (!RUN.matcher(run).matches()) {
            throw new IllegalArgumentException("a KCIDB run name is letters, digits, _ and -: " + run);
        }
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode version = root.putObject("version");
        version.put("major", 5);
        version.put("minor", 3);
        ArrayNode checkouts = root.putArray("checkouts");
        ArrayNode builds = root.putArray("builds");
        ArrayNode tests = root.putArray("tests");
        for (KernelUnderTest k : new KernelUnderTest[] {c.base(), c.head()}) {
            String checkout = ORIGIN + ":" + run + ":" + k.role();
            ObjectNode co = checkouts.addObject();
            co.put("id", checkout);
            co.put("origin", ORIGIN);
            repositoryUrl.filter(u -> u.startsWith("https://")).ifPresent(u -> co.put("git_repository_url", u));
            k.commit().ifPresent(h -> co.put("git_commit_hash", h));
            co.put("valid", true);
            co.putObject("misc")
                    .put("role", k.role())
                    .put("kernel_image", k.build().image().toString());
            ObjectNode b = builds.addObject();
            b.put("id", checkout + ":build");
            b.put("checkout_id", checkout);
            b.put("origin", ORIGIN);
            b.put("status", "PASS");
            b.putObject("misc")
                    .put("role", k.role())
                    .put("kernel_image", k.build().image().toString())
                    .put("modules", k.build().modules().toString())
                    .put("release", k.build().release());
        }
        for (boolean base : new boolean[] {true, false}) {
            KernelUnderTest k = base ? c.base() : c.head();
            int n = 0;
            for (TestChange t : c.changes()) {
                Optional<Outcome> o = base ? t.base() : t.head();
                ObjectNode x = tests.addObject();
                x.put("id", ORIGIN + ":" + run + ":" + k.role() + ":" + ++n);
                x.put("build_id", ORIGIN + ":" + run + ":" + k.role() + ":build");
                x.put("origin", ORIGIN);
                x.put("path", ORIGIN + "." + NOT_IN_PATH.matcher(t.name()).replaceAll("_"));
                String status = o.map(KcidbReport::status).orElse("MISS");
                x.put("status", status);
                if (status.equals("FAIL")) {
                    x.put("log_excerpt", excerpt(o.get().output()));
                }
                o.ifPresent(y -> x.put("duration", y.seconds()));
                ObjectNode misc = x.putObject("misc");
                misc.put("test_id", t.name());
                misc.put("verdict", o.map(y -> y.verdict().label()).orElse("NO-RESULT"));
                misc.put("detail", o.map(Outcome::detail).orElse(""));
                misc.put("series_change", t.change().label());
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String status(Outcome o) {
        return switch (o.verdict()) {
            case PASS, KNOWN_DEVIATION -> "PASS";
            case FAIL -> "FAIL";
            case NOTRUN -> "SKIP";
            case INFRA -> "ERROR";
        };
    }

    /**
     * A failure's output (the diff of expected and actual) as a log excerpt: no NUL, which
     * the schema forbids, and at most {@link #LOG_EXCERPT_MAX} characters, cut at a line
     * with a last line that says so.
     */
    static String excerpt(String output) {
        String s = output.replace("\0", "\\x00");
        if (s.length() <= LOG_EXCERPT_MAX) {
            return s;
        }
        String note = "[cut: " + s.length() + " characters in all]\n";
        String head = s.substring(0, LOG_EXCERPT_MAX - note.length());
        int nl = head.lastIndexOf('\n');
        return (nl >= 0 ? head.substring(0, nl + 1) : head) + note;
    }
}

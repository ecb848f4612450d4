package dev.daxspec.series.regress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daxspec.emit.SuiteRunner.Outcome;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link Comparison} as a KCIDB (kernelci.org common reporting, I/O schema v4) report:
 * one checkout and one build per kernel, one test per test and kernel. Ids are
 * {@code daxspec:} and hex digits from the kernels' paths and roles
 * ({@link KernelUnderTest#checkoutHash()}, {@link KernelUnderTest#buildHash()}); a test's
 * id adds its suite path. A test's {@code path} is {@code daxspec.} and its id with every
 * character but letters, digits, {@code _} and {@code -} made {@code _} (KCIDB paths are
 * dot-separated); its {@code status} is {@code PASS} (pass, or a known deviation, which
 * {@code daxspec run} counts as passed), {@code FAIL}, or {@code SKIP} (not run, or no
 * result). Its {@code misc} keeps daxspec's own words: the test id, the verdict, its
 * detail, and what the series did to it ({@code series_change}). Deterministic.
 */
public final class KcidbReport {

    /** The origin of every object. */
    public static final String ORIGIN = "daxspec";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern NOT_IN_PATH = Pattern.compile("[^A-Za-z0-9_-]");

    private KcidbReport() {
    }

    /** @return the report, pretty-printed JSON ending with a newline */
    public static String render(Comparison c) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode version = root.putObject("version");
        version.put("major", 4);
        version.put("minor", 0);
        ArrayNode checkouts = root.putArray("checkouts");
        ArrayNode builds = root.putArray("builds");
        ArrayNode tests = root.putArray("tests");
        for (KernelUnderTest k : new KernelUnderTest[] {c.base(), c.head()}) {
            ObjectNode co = checkouts.addObject();
            co.put("id", ORIGIN + ":" + k.checkoutHash());
            co.put("origin", ORIGIN);
            co.put("valid", true);
            co.putObject("misc").put("role", k.role()).put("kernel_image", k.image().toString());
            ObjectNode b = builds.addObject();
            b.put("id", ORIGIN + ":" + k.buildHash());
            b.put("checkout_id", ORIGIN + ":" + k.checkoutHash());
            b.put("origin", ORIGIN);
            b.put("valid", true);
            b.putObject("misc").put("role", k.role()).put("kernel_image", k.image().toString())
                    .put("modules", k.modules().toString()).put("release", k.release());
        }
        for (boolean base : new boolean[] {true, false}) {
            KernelUnderTest k = base ? c.base() : c.head();
            for (TestChange t : c.changes()) {
                Optional<Outcome> o = base ? t.base() : t.head();
                ObjectNode x = tests.addObject();
                x.put("id", ORIGIN + ":" + k.buildHash() + ":" + t.test().path());
                x.put("build_id", ORIGIN + ":" + k.buildHash());
                x.put("origin", ORIGIN);
                x.put("path", ORIGIN + "." + NOT_IN_PATH.matcher(t.name()).replaceAll("_"));
                x.put("status", o.map(KcidbReport::status).orElse("SKIP"));
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
            // KCIDB's ERROR: the test could not be executed to a verdict.
            case INFRA -> "ERROR";
        };
    }
}

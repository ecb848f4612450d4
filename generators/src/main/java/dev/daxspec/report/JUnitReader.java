package dev.daxspec.report;

import dev.daxspec.emit.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JUnit XML file in the layout {@link dev.daxspec.junit.JUnitXml} (and Maven Surefire)
 * writes, with the JDK's StAX parser, which keeps each element's line for the messages: one
 * or more {@code testsuite} elements (under a {@code testsuites} or not) of {@code testcase}
 * elements holding {@code failure}, {@code error}, {@code skipped} and {@code system-out}.
 * A test case named by several ids ({@code daxspec run} names a test by every scenario it
 * stands for, separated by spaces) is a result for each. Stateless.
 */
final class JUnitReader {

    /** The {@code system-out} line by which {@code run} and {@code conform} mark a known deviation. */
    private static final String KNOWN_DEVIATION = "KNOWN-DEVIATION: ";

    /** A JUnit file's results and the kernel it names, if any. */
    record Suite(Optional<String> kernel, List<KernelResult> results) {}

    private JUnitReader() {}

    /** @throws IOException {@code file:line: message} when {@code file} is not well-formed JUnit XML */
    static Suite read(Path file) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader x = f.createXMLStreamReader(in);
            try {
                return suite(file, x);
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            String why =
                    e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "");
            throw new IOException(
                    file + (line > 0 ? ":" + line : "") + ": not JUnit XML: "
                            + why.lines().findFirst().orElse("unreadable"),
                    e);
        }
    }

    private static Suite suite(Path file, XMLStreamReader x) throws XMLStreamException, IOException {
        while (x.hasNext() && x.next() != XMLStreamConstants.START_ELEMENT) {
            // the prolog
        }
        if (!x.isStartElement() || !List.of("testsuite", "testsuites").contains(x.getLocalName())) {
            throw new IOException(file + ":" + x.getLocation().getLineNumber() + ": not JUnit XML: the root is "
                    + (x.isStartElement() ? "<" + x.getLocalName() + ">" : "missing") + ", not <testsuite>");
        }
        Optional<String> kernel = Optional.empty();
        String suiteName = x.getLocalName().equals("testsuite") ? attribute(x, "name", "") : "";
        List<KernelResult> results = new ArrayList<>();
        while (x.hasNext()) {
            if (x.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (x.getLocalName()) {
                case "testsuite" -> suiteName = attribute(x, "name", "");
                case "property" -> {
                    if (KernelResults.KERNEL_PROPERTY.equals(x.getAttributeValue(null, "name"))) {
                        kernel = Optional.of(attribute(x, "value", "")).filter(v -> !v.isBlank());
                    }
                }
                case "testcase" -> results.addAll(testCase(file, x, suiteName));
                default -> {
                    // other elements (properties, system-err of the suite) say nothing of a test
                }
            }
        }
        return new Suite(kernel, results);
    }

    /** The results of the {@code testcase} at {@code x}, which is left at its end. */
    private static List<KernelResult> testCase(Path file, XMLStreamReader x, String suiteName)
            throws XMLStreamException, IOException {
        int line = x.getLocation().getLineNumber();
        String where = file + ":" + line;
        String name = x.getAttributeValue(null, "name");
        if (name == null || name.isBlank()) {
            throw new IOException(where + ": a <testcase> without a name");
        }
        Verdict verdict = Verdict.PASS;
        String message = "";
        String detail = "";
        String out = "";
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("testcase")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (x.getLocalName()) {
                case "failure", "error", "skipped" -> {
                    verdict = switch (x.getLocalName()) {
                        case "failure" -> Verdict.FAIL;
                        case "error" -> Verdict.INFRA;
                        default -> Verdict.NOTRUN;
                    };
                    message = attribute(x, "message", "");
                    detail = x.getElementText();
                }
                case "system-out" -> out = x.getElementText();
                default -> {
                    // system-err, properties: nothing the report shows
                }
            }
        }
        if (verdict == Verdict.PASS && out.startsWith(KNOWN_DEVIATION)) {
            verdict = Verdict.KNOWN_DEVIATION;
            int eol = out.indexOf('\n');
            message = (eol < 0 ? out : out.substring(0, eol)).substring(KNOWN_DEVIATION.length());
            out = eol < 0 ? "" : out.substring(eol + 1);
        }
        // conform's system-out is the kernel's filtered transcript; run's is the test's output
        boolean transcript =
                suiteName.equals("daxspec.conform") && verdict != Verdict.INFRA && verdict != Verdict.NOTRUN;
        List<KernelResult> results = new ArrayList<>();
        for (String id : name.strip().split("\\s+")) {
            results.add(new KernelResult(
                    id,
                    verdict,
                    where,
                    message,
                    detail,
                    transcript ? Optional.of(out) : Optional.empty(),
                    transcript ? "" : out));
        }
        return results;
    }

    private static String attribute(XMLStreamReader x, String name, String otherwise) {
        String v = x.getAttributeValue(null, name);
        return v == null ? otherwise : v;
    }
}

package dev.daxspec.suite;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The report {@code ./check -R xunit} writes to {@code RESULT_BASE/SECTION/result.xml}
 * (xfstests' common/report, {@code _xunit_make_testcase_report}): one {@code testcase} per test,
 * empty when it passed, holding {@code skipped message="..."} (the {@code .notrun} file) when
 * it did not run, and {@code failure message="..."} with {@code system-err} (the {@code diff -u}
 * of {@code .out} and {@code .out.bad}), {@code kernel-log} (the {@code .dmesg} file) and
 * {@code system-out} (the {@code .full} file) when it failed. Read with the JDK's StAX parser.
 * Stateless.
 */
final class XunitReport {

    /** What {@code ./check} said of one test. */
    enum Status {
        PASS,
        NOTRUN,
        FAIL
    }

    /**
     * One {@code testcase}.
     *
     * @param name the test, {@code generic/750}
     * @param message the {@code skipped} or {@code failure} message; empty for a pass
     * @param diff the {@code system-err}: how the output differed; empty when it did not
     * @param kernelLog the {@code kernel-log}: why {@code _check_dmesg} failed it; empty if not
     * @param seconds the {@code time} attribute
     */
    record TestCase(String name, Status status, String message, String diff, String kernelLog, double seconds) {}

    private XunitReport() {}

    /**
     * The test cases of {@code xml}.
     *
     * @throws IllegalArgumentException {@code line N: why} when it is not an xunit report
     */
    static List<TestCase> parse(String xml) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader x = f.createXMLStreamReader(new StringReader(xml));
            try {
                return testCases(x);
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            String why =
                    e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", "");
            throw new IllegalArgumentException(
                    "line " + line + ": not an xunit report: "
                            + why.lines().findFirst().orElse("unreadable"),
                    e);
        }
    }

    private static List<TestCase> testCases(XMLStreamReader x) throws XMLStreamException {
        while (x.hasNext() && x.next() != XMLStreamConstants.START_ELEMENT) {
            // the prolog
        }
        if (!x.isStartElement() || !x.getLocalName().equals("testsuite")) {
            throw new IllegalArgumentException("line " + x.getLocation().getLineNumber()
                    + ": not an xunit report: the root is "
                    + (x.isStartElement() ? "<" + x.getLocalName() + ">" : "missing") + ", not <testsuite>");
        }
        List<TestCase> cases = new ArrayList<>();
        while (x.hasNext()) {
            if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("testcase")) {
                cases.add(testCase(x));
            }
        }
        return cases;
    }

    /** Reads one {@code testcase}, from its start element to its end element. */
    private static TestCase testCase(XMLStreamReader x) throws XMLStreamException {
        String name = attribute(x, "name").orElseThrow(() -> missing(x, "name"));
        double seconds = attribute(x, "time").map(XunitReport::seconds).orElse(0.0);
        Status status = Status.PASS;
        String message = "";
        String diff = "";
        String kernelLog = "";
        while (!(x.next() == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("testcase"))) {
            if (!x.isStartElement()) {
                continue;
            }
            switch (x.getLocalName()) {
                case "skipped" -> {
                    status = Status.NOTRUN;
                    message = attribute(x, "message").orElse("");
                }
                case "failure" -> {
                    status = Status.FAIL;
                    message = attribute(x, "message").orElse("");
                }
                case "system-err" -> diff = cdata(x.getElementText());
                case "kernel-log" -> kernelLog = cdata(x.getElementText());
                default -> {
                    // system-out: the test's .full, which daxspec's tests do not write to
                }
            }
        }
        return new TestCase(name, status, message.strip(), diff, kernelLog, seconds);
    }

    /** A CDATA block as common/report writes it: between line breaks, the end tag indented. */
    private static String cdata(String text) {
        return text.replaceFirst("^\n+", "").stripTrailing();
    }

    private static double seconds(String time) {
        try {
            return Double.parseDouble(time);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<String> attribute(XMLStreamReader x, String name) {
        return Optional.ofNullable(x.getAttributeValue(null, name));
    }

    private static IllegalArgumentException missing(XMLStreamReader x, String attribute) {
        return new IllegalArgumentException("line " + x.getLocation().getLineNumber() + ": not an xunit report: <"
                + x.getLocalName() + "> has no " + attribute);
    }
}

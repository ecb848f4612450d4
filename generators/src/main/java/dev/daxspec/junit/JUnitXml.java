package dev.daxspec.junit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A JUnit XML report in the layout Maven Surefire writes (one {@code testsuite} with
 * {@code properties} and {@code testcase} elements holding {@code failure}, {@code skipped}
 * and {@code system-out}), which CI systems and {@code daxspec report} read. Not thread-safe.
 */
public final class JUnitXml {

    private record Case(String className, String name, double seconds, String kind, String message, String detail,
                        String out) {
    }

    private final String suite;
    private final List<Case> cases = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();

    public JUnitXml(String suite) {
        this.suite = suite;
    }

    /** A property of the suite, e.g. {@code daxspec.kernel} and the kernel's release; one value per name. */
    public void property(String name, String value) {
        properties.put(name, value);
    }

    public void pass(String className, String name, double seconds, String out) {
        cases.add(new Case(className, name, seconds, null, null, null, out));
    }

    public void fail(String className, String name, double seconds, String message, String detail, String out) {
        cases.add(new Case(className, name, seconds, "failure", message, detail, out));
    }

    /** A case that could not be judged: JUnit's {@code <error>}, apart from the failures. */
    public void error(String className, String name, double seconds, String message, String detail) {
        cases.add(new Case(className, name, seconds, "error", message, detail, null));
    }

    public void skip(String className, String name, String message) {
        cases.add(new Case(className, name, 0, "skipped", message, null, null));
    }

    /** Writes the report, replacing {@code file}; on failure nothing is left beside it. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".junit", ".xml");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suite);
            x.writeAttribute("tests", Integer.toString(cases.size()));
            x.writeAttribute("failures", Long.toString(cases.stream().filter(c -> "failure".equals(c.kind)).count()));
            x.writeAttribute("errors", Long.toString(cases.stream().filter(c -> "error".equals(c.kind)).count()));
            x.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> "skipped".equals(c.kind)).count()));
            x.writeAttribute("time", seconds(cases.stream().mapToDouble(Case::seconds).sum()));
            x.writeCharacters("\n");
            if (!properties.isEmpty()) {
                x.writeCharacters("  ");
                x.writeStartElement("properties");
                x.writeCharacters("\n");
                for (Map.Entry<String, String> p : properties.entrySet()) {
                    x.writeCharacters("    ");
                    x.writeEmptyElement("property");
                    x.writeAttribute("name", p.getKey());
                    x.writeAttribute("value", p.getValue());
                    x.writeCharacters("\n");
                }
                x.writeCharacters("  ");
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            for (Case c : cases) {
                x.writeCharacters("  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", c.className);
                x.writeAttribute("name", c.name);
                x.writeAttribute("time", seconds(c.seconds));
                if (c.kind != null) {
                    x.writeStartElement(c.kind);
                    x.writeAttribute("message", c.message);
                    if (c.detail != null) {
                        x.writeCharacters(c.detail);
                    }
                    x.writeEndElement();
                }
                if (c.out != null) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(c.out);
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}

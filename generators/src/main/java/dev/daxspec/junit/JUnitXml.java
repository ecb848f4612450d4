package dev.daxspec.junit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * {@code properties} and {@code testcase} elements holding {@code failure}, {@code error},
 * {@code skipped} and {@code system-out}), which CI systems and {@code daxspec report} read.
 * A {@code failure} (the kernel or the model was judged wrong) and an {@code error} (no
 * judgement: the harness got no answer) carry a {@code type} and a {@code message}. Kernel
 * output may hold control characters XML 1.0 cannot carry, not even as character
 * references: each is written as <code>&#92;xNN</code> (or <code>&#92;uNNNN</code>), so the
 * file stays well-formed. The file is written mode 0644, as any report another user's CI
 * reads. Not thread-safe.
 */
public final class JUnitXml {

    private record Case(
            String className,
            String name,
            double seconds,
            String kind,
            String type,
            String message,
            String detail,
            String out) {}

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
        cases.add(new Case(className, name, seconds, null, null, null, null, out));
    }

    /**
     * A case judged wrong.
     *
     * @param type what was wrong, one word a CI system can group by (e.g. {@code output-differs})
     */
    public void fail(
            String className, String name, double seconds, String type, String message, String detail, String out) {
        cases.add(new Case(className, name, seconds, "failure", type, message, detail, out));
    }

    /**
     * A case that could not be judged: JUnit's {@code <error>}, apart from the failures.
     *
     * @param type why there is no judgement, one word (e.g. {@code infra})
     */
    public void error(String className, String name, double seconds, String type, String message, String detail) {
        cases.add(new Case(className, name, seconds, "error", type, message, detail, null));
    }

    public void skip(String className, String name, String message) {
        cases.add(new Case(className, name, 0, "skipped", null, message, null, null));
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
            x.writeAttribute("name", xml(suite));
            x.writeAttribute("tests", Integer.toString(cases.size()));
            x.writeAttribute(
                    "failures",
                    Long.toString(
                            cases.stream().filter(c -> "failure".equals(c.kind)).count()));
            x.writeAttribute(
                    "errors",
                    Long.toString(
                            cases.stream().filter(c -> "error".equals(c.kind)).count()));
            x.writeAttribute(
                    "skipped",
                    Long.toString(
                            cases.stream().filter(c -> "skipped".equals(c.kind)).count()));
            x.writeAttribute(
                    "time", seconds(cases.stream().mapToDouble(Case::seconds).sum()));
            x.writeCharacters("\n");
            if (!properties.isEmpty()) {
                x.writeCharacters("  ");
                x.writeStartElement("properties");
                x.writeCharacters("\n");
                for (Map.Entry<String, String> p : properties.entrySet()) {
                    x.writeCharacters("    ");
                    x.writeEmptyElement("property");
                    x.writeAttribute("name", xml(p.getKey()));
                    x.writeAttribute("value", xml(p.getValue()));
                    x.writeCharacters("\n");
                }
                x.writeCharacters("  ");
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            for (Case c : cases) {
                x.writeCharacters("  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", xml(c.className));
                x.writeAttribute("name", xml(c.name));
                x.writeAttribute("time", seconds(c.seconds));
                if (c.kind != null) {
                    x.writeStartElement(c.kind);
                    if (c.type != null) {
                        x.writeAttribute("type", xml(c.type));
                    }
                    x.writeAttribute("message", xml(c.message));
                    if (c.detail != null) {
                        x.writeCharacters(xml(c.detail));
                    }
                    x.writeEndElement();
                }
                if (c.out != null) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(xml(c.out));
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
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * {@code s} with each character XML 1.0 cannot carry (C0 controls but tab, newline and
     * carriage return; U+FFFE, U+FFFF; a surrogate without its pair) as <code>&#92;xNN</code> or
     * <code>&#92;uNNNN</code>. A backslash stays as it is: the text is for people, not to be decoded.
     */
    static String xml(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            boolean ok = c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || (c >= 0x20 && c < 0xD800)
                    || (c > 0xDFFF && c < 0xFFFE)
                    || pair
                    || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (ok && sb == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (ok) {
                sb.append(c);
            } else {
                sb.append(
                        c < 0x100
                                ? String.format(Locale.ROOT, "\\x%02x", (int) c)
                                : String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}

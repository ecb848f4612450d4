package dev.daxspec.mutation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * One mutant of a PIT run, as its {@code mutations.xml} records it.
 *
 * @param mutatedClass e.g. {@code dev.daxspec.oracle.fs.FileSystem}
 * @param method e.g. {@code pwrite}
 * @param line the source line PIT changed
 * @param description what PIT changed, e.g. {@code changed conditional boundary}
 * @param status PIT's verdict: {@code KILLED}, {@code SURVIVED}, {@code NO_COVERAGE},
 *     {@code TIMED_OUT}...
 * @param detected whether a test failed on it (killed, timed out, ran out of memory)
 * @param id what tells it from every other mutant of the run: its class, method and
 *     signature, line, mutator and bytecode indexes
 */
record Mutant(
        String mutatedClass, String method, int line, String description, String status, boolean detected, String id) {

    /** {@code dev.daxspec.oracle.fs}. */
    String pkg() {
        return mutatedClass.substring(0, mutatedClass.lastIndexOf('.'));
    }

    /** {@code dev.daxspec.oracle.fs.FileSystem.pwrite:203}, as mutation-equivalents.txt names a mutant's place. */
    String location() {
        // A lambda's mutants are in lambda$pwrite$3; the place is the method it is written in.
        String m = method.startsWith("lambda$") ? method.split("\\$")[1] : method;
        return mutatedClass.replaceAll("\\$.*", "") + "." + m + ":" + line;
    }

    /**
     * The mutants of {@code first}, each detected when it or the same mutant in {@code
     * second} is: what one run with the tests of both would find, since PIT runs each test
     * on its own. A mutant of {@code second} that {@code first} lacks is not counted.
     */
    static List<Mutant> union(List<Mutant> first, List<Mutant> second) {
        Map<String, Mutant> other = second.stream().collect(Collectors.toMap(Mutant::id, Function.identity()));
        return first.stream()
                .map(m -> {
                    Mutant o = other.get(m.id());
                    return m.detected() || o == null || !o.detected()
                            ? m
                            : new Mutant(m.mutatedClass, m.method, m.line, m.description, o.status, true, m.id);
                })
                .toList();
    }

    /** The mutants of a PIT {@code mutations.xml}. */
    static List<Mutant> read(Path mutationsXml) throws IOException {
        try (InputStream in = Files.newInputStream(mutationsXml)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList nodes = f.newDocumentBuilder().parse(in).getElementsByTagName("mutation");
            List<Mutant> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                out.add(new Mutant(
                        text(e, "mutatedClass"),
                        text(e, "mutatedMethod"),
                        Integer.parseInt(text(e, "lineNumber")),
                        text(e, "description"),
                        e.getAttribute("status"),
                        Boolean.parseBoolean(e.getAttribute("detected")),
                        String.join(
                                " ",
                                text(e, "mutatedClass"),
                                text(e, "mutatedMethod"),
                                text(e, "methodDescription"),
                                text(e, "lineNumber"),
                                text(e, "mutator"),
                                all(e, "index"))));
            }
            return out;
        } catch (ParserConfigurationException | SAXException | NumberFormatException e) {
            throw new IOException(mutationsXml + ": not a PIT mutations.xml: " + e.getMessage(), e);
        }
    }

    private static String all(Element e, String tag) {
        NodeList nodes = e.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return String.join(",", out);
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent();
    }
}

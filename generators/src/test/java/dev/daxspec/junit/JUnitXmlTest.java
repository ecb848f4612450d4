package dev.daxspec.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The report is well-formed XML whatever a kernel printed, a failure and an error carry a
 * type, and the file is readable by others; read back with the JDK's own XML parser.
 */
class JUnitXmlTest {

    @TempDir
    Path tmp;

    @Test
    void controlCharactersAreEscapedFailuresAndErrorsHaveATypeAndTheFileIs0644() throws Exception {
        JUnitXml x = new JUnitXml("daxspec.run");
        String kernel = "read 1/1 bytes\u0000 \u0007bell\u001b[0m\r\n\ttab \ud83d\ude00 \ud800 \ufffe end";
        x.pass("run.tests", "a", 1.5, kernel);
        x.fail("run.tests", "b\u0001", 2, "output-differs", "differs\u0002", "--- b.out\u0003\n+++ actual\n", kernel);
        x.error("run.tests", "c", 3, "infra", "timed out twice", "VM lost\u0004");
        x.skip("run.tests", "d", "no DAX\u0005");
        Path file = tmp.resolve("r/report.xml");
        x.write(file);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("output-differs");
        assertThat(failure.getAttribute("message")).isEqualTo("differs\\x02");
        assertThat(failure.getTextContent()).isEqualTo("--- b.out\\x03\n+++ actual\n");
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("infra");
        assertThat(error.getTextContent()).isEqualTo("VM lost\\x04");
        assertThat(((Element) doc.getElementsByTagName("testcase").item(1)).getAttribute("name"))
                .isEqualTo("b\\x01");
        assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("read 1/1 bytes\\x00 \\x07bell\\x1b[0m\n\ttab \ud83d\ude00 \\ud800 \\ufffe end");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }
}

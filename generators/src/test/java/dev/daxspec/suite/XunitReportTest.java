package dev.daxspec.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ./check's xunit report, as a real ./check wrote it (fixtures/xfstests/README). */
class XunitReportTest {

    static String fixture(String name) throws IOException {
        return Files.readString(Path.of("../fixtures/xfstests").resolve(name));
    }

    @Test
    void aPassANotRunAndAFailureWithItsDiff() throws IOException {
        List<XunitReport.TestCase> cases = XunitReport.parse(fixture("result-6.18.44-ext4-loop.xml"));
        assertThat(cases)
                .extracting(XunitReport.TestCase::name, XunitReport.TestCase::status, XunitReport.TestCase::seconds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ext4/064", XunitReport.Status.FAIL, 33.0),
                        org.assertj.core.groups.Tuple.tuple("generic/789", XunitReport.Status.NOTRUN, 22.0),
                        org.assertj.core.groups.Tuple.tuple("generic/790", XunitReport.Status.PASS, 145.0));
        XunitReport.TestCase fail = cases.get(0);
        assertThat(fail.message()).isEqualTo("- output mismatch (see /tmp/xfstests-results/ext4-brd/ext4/064.out.bad)");
        assertThat(fail.diff())
                .startsWith("--- tests/ext4/064.out\t")
                .contains("\n-wrote 40960/1048576 bytes at offset 0\n", "\n+pwrite: No space left on device\n")
                .endsWith("\n+exit 1");
        assertThat(fail.kernelLog()).isEmpty();
        assertThat(cases.get(1).message()).isEqualTo("mount /dev/loop1 with dax=always failed");
        assertThat(cases.get(2).message()).isEmpty();
        assertThat(cases.get(2).diff()).isEmpty();
    }

    @Test
    void notAReportIsSaidWithItsLine() {
        assertThatThrownBy(() -> XunitReport.parse("<?xml version=\"1.0\"?>\n<testsuites/>\n"))
                .hasMessage("line 2: not an xunit report: the root is <testsuites>, not <testsuite>");
        assertThatThrownBy(() -> XunitReport.parse("<testsuite>\n<testcase time=\"1\"/>\n</testsuite>\n"))
                .hasMessage("line 2: not an xunit report: <testcase> has no name");
        assertThatThrownBy(() -> XunitReport.parse("<testsuite>\n<testcase name=\"a\">\n"))
                .hasMessageStartingWith("line 3: not an xunit report: ");
    }
}

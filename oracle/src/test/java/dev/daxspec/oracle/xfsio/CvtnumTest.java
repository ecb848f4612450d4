package dev.daxspec.oracle.xfsio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** libfrog/convert.c cvtnum(): strtoll base 0 and one unit letter. */
class CvtnumTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "4096, 4096",
        "0x1000, 4096",
        "010, 8",
        "0, 0",
        "4k, 4096",
        "4K, 4096",
        "2m, 2097152",
        "1g, 1073741824",
        "1t, 1099511627776",
        "3b, 12288",
        "3s, 1536",
        "1e, 1152921504606846976",
        "4kb, -1",
        "x, -1",
        "08, -1",
        "0x, -1",
        "'', -1",
        "-1, -1",
        "4q, -1",
    })
    void parsesWhatXfsIoParses(String text, long expected) {
        assertThat(Cvtnum.parse(text, 4096, 512)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with block {1} sector {2}")
    @CsvSource({"2b, 1024, 512, 2048", "2s, 4096, 4096, 8192"})
    void unitsFollowTheFilesystem(String text, long block, long sector, long expected) {
        assertThat(Cvtnum.parse(text, block, sector)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"99999999999999999999, 9223372036854775807"})
    void strtollSaturates(String text, long expected) {
        assertThat(Cvtnum.parse(text, 4096, 512)).isEqualTo(expected);
    }
}

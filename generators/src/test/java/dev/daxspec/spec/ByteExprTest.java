package dev.daxspec.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.geometry.ByteSize;
import dev.daxspec.oracle.geometry.Geometry;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code {bytes}} and {@code {offset}} parameter types: every way a feature writes a
 * size or an offset, on x86-64 (4 KiB pages and blocks, 2 MiB PMDs) with a file of 1100
 * bytes, and the values that are refused with a message naming them.
 */
class ByteExprTest {

    private static final ByteExpr.Context X86_64_EOF_1100 =
            new ByteExpr.Context(Geometry.X86_64, OptionalLong.of(1100));

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '=',
            value = {
                "4096 = 4096",
                "0x1000 = 4096",
                "4KiB = 4096",
                "2MiB = 2097152",
                "1100 bytes = 1100",
                "2 pages = 8192",
                "3 blocks = 12288",
                "1 PMD = 2097152",
                "0 = 0",
                "PAGE_SIZE-1 = 4095",
                "PAGE_SIZE = 4096",
                "PMD_SIZE-1 = 2097151",
                "2*PAGE_SIZE+7 = 8199",
                "EOF-1 = 1099",
                "EOF = 1100",
                "EOF+1 = 1101",
                "PAGE_ALIGN(EOF) = 4096",
                "PAGE_ALIGN(EOF)-1 = 4095",
                "one page past EOF = 5196",
            })
    void readsAsBytes(String text, long bytes) {
        assertThat(ByteExpr.parse(text).resolve(X86_64_EOF_1100)).isEqualTo(bytes);
    }

    /**
     * One unit grammar everywhere: every spelling a size option takes ({@code --device-size 1G},
     * {@link ByteSize}) a feature takes too, with the same value, with or without a space.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1G",
        "1 TiB",
        "4k",
        "4K",
        "4KB",
        "4 KiB",
        "2MiB",
        "512M",
        "3 GiB",
        "1T",
        "100B",
        "100 bytes",
        "1 byte",
        "0x10 KiB"
    })
    void aFeatureTakesEveryUnitASizeOptionTakes(String text) {
        assertThat(ByteExpr.parse(text).resolve(X86_64_EOF_1100)).isEqualTo(ByteSize.parse(text));
        String spaced = text.replaceAll("^(0x[0-9a-fA-F]+|[0-9]+)\\s*", "$1 ");
        assertThat(ByteExpr.parse(spaced).resolve(X86_64_EOF_1100))
                .isEqualTo(ByteSize.parse(spaced))
                .isEqualTo(ByteSize.parse(text));
    }

    /** And a unit neither knows is refused by both, each message naming the same units. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"4 QiB", "2 furlongs", "1 KiBs"})
    void aUnitNeitherKnowsIsRefusedByBothNamingTheUnits(String text) {
        assertThatThrownBy(() -> ByteExpr.parse(text))
                .hasMessageContaining("unknown unit")
                .hasMessageContaining(ByteSize.UNITS);
        assertThatThrownBy(() -> ByteSize.parse(text))
                .hasMessageContaining("unknown unit")
                .hasMessageContaining(ByteSize.UNITS);
    }

    @ParameterizedTest(name = "64 KiB pages: {0} = {1}")
    @CsvSource(
            delimiter = '=',
            value = {"PAGE_SIZE = 65536", "2 pages = 131072", "PAGE_ALIGN(EOF) = 65536"})
    void pagesFollowTheGeometry(String text, long bytes) {
        ByteExpr.Context arm64 = new ByteExpr.Context(Geometry.of(65536, 65536), OptionalLong.of(1100));
        assertThat(ByteExpr.parse(text).resolve(arm64)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "99999999999999999999 | too large",
                "4096 4096 | two values",
                "4096+ | ends with an operator",
                "four KiB | cannot read",
            })
    void refusesWhatIsNotAByteCount(String text, String why) {
        assertThatThrownBy(() -> ByteExpr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining(why);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "EOF-2000 | cannot be negative",
                "0x7fffffffffffffff*2 | overflows",
            })
    void refusesValuesOutOfRange(String text, String why) {
        assertThatThrownBy(() -> ByteExpr.parse(text).resolve(X86_64_EOF_1100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @CsvSource({"EOF", "EOF+1"})
    void refusesEofWhenTheSizeIsNotKnown(String text) {
        assertThatThrownBy(
                        () -> ByteExpr.parse(text).resolve(new ByteExpr.Context(Geometry.X86_64, OptionalLong.empty())))
                .hasMessageContaining("needs EOF");
    }
}

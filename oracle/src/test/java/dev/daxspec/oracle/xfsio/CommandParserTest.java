package dev.daxspec.oracle.xfsio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.oracle.ops.Falloc;
import dev.daxspec.oracle.ops.Fiemap;
import dev.daxspec.oracle.ops.Pread;
import dev.daxspec.oracle.ops.Pwrite;
import dev.daxspec.oracle.ops.Seek;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private final CommandParser parser = new CommandParser(4096, 512);

    @Test
    void pwriteOptionsMayBeGroupedAttachedOrAfterTheOperands() {
        assertThat(parser.parse("pwrite -S 0x61 -b 4k 100 1000"))
                .isEqualTo(new Pwrite(100, 1000, 0x61, OptionalLong.of(4096)));
        assertThat(parser.parse("pwrite -S0x61 100 1000")).isEqualTo(parser.parse("pwrite 100 1000 -S 0x61"));
        assertThat(parser.parse("pwrite 1m 4k")).isEqualTo(new Pwrite(1 << 20, 4096));
    }

    @Test
    void toStringIsTheCommandAndParsesBackToTheSameRecord() {
        for (String c : new String[] {
            "pwrite -S 0x61 -b 1024 0 4096",
            "pread -v 0 16",
            "falloc -k 4096 8192",
            "fzero -k 1 2",
            "fpunch 0 1",
            "seek -a -r 0",
            "seek -h -s 5",
            "statx -r",
            "fiemap -v",
            "truncate 0",
            "fsync",
            "fdatasync",
            "stat",
            "statx",
            "fiemap"
        }) {
            assertThat(parser.parse(c).toString()).isEqualTo(c);
            assertThat(parser.parse(parser.parse(c).toString())).isEqualTo(parser.parse(c));
        }
    }

    @Test
    void commandsAndFlagsBecomeRecords() {
        assertThat(parser.parse("pread -v 0x10 16")).isEqualTo(new Pread(16, 16, true));
        assertThat(parser.parse("falloc -k 0 1m")).isEqualTo(new Falloc(true, 0, 1 << 20));
        assertThat(parser.parse("seek -d -r 0")).isEqualTo(new Seek(true, false, true, false, 0));
        assertThat(parser.parse("fiemap -v")).isEqualTo(new Fiemap(true));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pwrite x 1",
                "pwrite 0",
                "pwrite -S zz 0 1",
                "pread -1 1",
                "seek 0",
                "frobnicate",
                "pwrite -q 0 1",
                "truncate",
                "fiemap 0 10",
                "pwrite 0x7fffffffffffffff 2"
            })
    void badCommandsAreOneLineErrors(String command) {
        assertThatThrownBy(() -> parser.parse(command))
                .isInstanceOf(BadCommand.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
    }

    @Test
    void anUnknownCommandListsTheModelledOnes() {
        assertThatThrownBy(() -> parser.parse("mmapx 0 1")).hasMessageContaining("pwrite, pread");
    }
}

package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailTest {

    @Test
    void returnsCompleteLinesAsTheFileGrows(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("results.log");
        try (FileTail tail = new FileTail(file)) {
            assertThat(tail.newLines()).isEmpty();
            Files.writeString(file, "DAXSPEC READY job=0 phase=0 uptime=1\r\nDAXSPEC BEG");
            assertThat(tail.newLines()).containsExactly("DAXSPEC READY job=0 phase=0 uptime=1");
            assertThat(tail.newLines()).isEmpty();
            Files.writeString(file, "IN job=0 phase=0\nDAXSPEC DONE\n", StandardOpenOption.APPEND);
            assertThat(tail.newLines()).containsExactly("DAXSPEC BEGIN job=0 phase=0", "DAXSPEC DONE");
            Files.writeString(file, "DAXSPEC END\n", StandardOpenOption.APPEND);
            assertThat(tail.newLines()).containsExactly("DAXSPEC END");
        }
    }
}

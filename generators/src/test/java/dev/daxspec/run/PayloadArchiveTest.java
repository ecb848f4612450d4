package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadArchiveTest {

    @TempDir
    Path dir;

    private byte[] archive(Optional<Path> payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayloadArchive.write(payload, out);
        return out.toByteArray();
    }

    @Test
    void gnuCpioUnpacksTheKernelErrorExpressionAndPayload() throws Exception {
        Assumptions.assumeTrue(Executables.find("cpio").isPresent(), "cpio is not installed");
        Path payload = Files.createDirectories(dir.resolve("payload/suite/ext4"));
        Files.writeString(payload.resolve("001.out"), "golden\n");
        Files.writeString(payload.resolve("001"), "#!/bin/bash\n");
        Files.setPosixFilePermissions(payload.resolve("001"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = Files.write(dir.resolve("payload.cpio.gz"), archive(Optional.of(dir.resolve("payload"))));
        Path root = Files.createDirectories(dir.resolve("root"));
        Process unpack = new ProcessBuilder("sh", "-c", "gzip -dc '" + archive + "' | cpio -i --quiet")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(new String(unpack.getInputStream().readAllBytes())).isEmpty();
        assertThat(unpack.waitFor()).isZero();
        assertThat(root.resolve("daxspec/jobs")).doesNotExist();
        assertThat(Files.readString(root.resolve("daxspec/kernel-error.ere")))
                .isEqualTo(KernelErrors.FIRST_LINE + "\n");
        assertThat(Files.readString(root.resolve("payload/suite/ext4/001.out"))).isEqualTo("golden\n");
        assertThat(Files.isExecutable(root.resolve("payload/suite/ext4/001"))).isTrue();
        assertThat(Files.isExecutable(root.resolve("payload/suite/ext4/001.out")))
                .isFalse();
    }

    @Test
    void samePayloadGivesTheSameBytes() throws IOException {
        assertThat(archive(Optional.empty())).isEqualTo(archive(Optional.empty()));
    }

    @Test
    void missingPayloadIsOneLine() {
        assertThatThrownBy(() -> archive(Optional.of(dir.resolve("none"))))
                .isInstanceOf(VmException.class)
                .hasMessage("payload directory " + dir.resolve("none") + " does not exist");
    }
}

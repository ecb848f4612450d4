package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobArchiveTest {

    @TempDir Path dir;

    private static final List<GuestJob> JOBS = List.of(
            new GuestJob("one", List.of("echo one\n")),
            new GuestJob("two", List.of("echo before\n", "echo after\n")));

    private byte[] archive(Optional<Path> payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JobArchive.write(JOBS, payload, out);
        return out.toByteArray();
    }

    @Test
    void gnuCpioUnpacksTheJobsAndPayload() throws Exception {
        Assumptions.assumeTrue(Executables.find("cpio").isPresent(), "cpio is not installed");
        Path payload = Files.createDirectories(dir.resolve("payload/suite/ext4"));
        Files.writeString(payload.resolve("001.out"), "golden\n");
        Files.writeString(payload.resolve("001"), "#!/bin/bash\n");
        Files.setPosixFilePermissions(payload.resolve("001"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = Files.write(dir.resolve("jobs.cpio.gz"), archive(Optional.of(dir.resolve("payload"))));
        Path root = Files.createDirectories(dir.resolve("root"));
        Process unpack = new ProcessBuilder("sh", "-c", "gzip -dc '" + archive + "' | cpio -i --quiet")
                .directory(root.toFile()).redirectErrorStream(true).start();
        assertThat(new String(unpack.getInputStream().readAllBytes())).isEmpty();
        assertThat(unpack.waitFor()).isZero();
        assertThat(Files.readString(root.resolve("daxspec/jobs/count"))).isEqualTo("2\n");
        assertThat(Files.readString(root.resolve("daxspec/jobs/1/phases"))).isEqualTo("2\n");
        assertThat(Files.readString(root.resolve("daxspec/jobs/1/phase-1"))).isEqualTo("echo after\n");
        assertThat(Files.readString(root.resolve("daxspec/kernel-error.ere")))
                .isEqualTo(KernelErrors.FIRST_LINE + "\n");
        assertThat(Files.readString(root.resolve("payload/suite/ext4/001.out"))).isEqualTo("golden\n");
        assertThat(Files.isExecutable(root.resolve("payload/suite/ext4/001"))).isTrue();
        assertThat(Files.isExecutable(root.resolve("payload/suite/ext4/001.out"))).isFalse();
    }

    @Test
    void sameJobsGiveTheSameBytes() throws IOException {
        assertThat(archive(Optional.empty())).isEqualTo(archive(Optional.empty()));
    }

    @Test
    void missingPayloadIsOneLine() {
        assertThatThrownBy(() -> archive(Optional.of(dir.resolve("none"))))
                .isInstanceOf(VmException.class)
                .hasMessage("payload directory " + dir.resolve("none") + " does not exist");
    }
}

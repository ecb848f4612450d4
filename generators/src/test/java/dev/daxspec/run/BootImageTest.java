package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vmlinux that qemu boots in place of a bzImage: taken from the installed Debian kernel
 * for real, and refused (the bzImage boots) for what is not a bzImage of a PVH kernel.
 */
class BootImageTest {

    @TempDir
    Path dir;

    @Test
    void theInstalledKernelsVmlinuxIsExtractedOnceAndHasAPvhEntry() throws IOException {
        KernelBuild kernel;
        try {
            kernel = KernelBuild.newestInstalled();
        } catch (VmException e) {
            // Skipped, not passed, where no kernel is installed; .ci/run installs one.
            kernel = Assumptions.abort("no kernel in /boot (ci/vm/setup installs one): " + e.getMessage());
        }
        Path cache = dir.resolve("vmlinux");
        Files.createDirectories(cache);
        Path stale = Files.writeString(cache.resolve("vmlinux-" + kernel.release() + "-0000000000000000"), "old");
        Path other = Files.writeString(cache.resolve("vmlinux-5.10.0-1-amd64-0000000000000000"), "another release");

        Path boot = BootImage.of(kernel, cache);

        assertThat(boot.getParent()).isEqualTo(cache);
        assertThat(boot.getFileName().toString()).startsWith("vmlinux-" + kernel.release() + "-");
        assertThat(BootImage.hasPvhEntry(boot)).isTrue();
        assertThat(Files.size(boot)).isGreaterThan(Files.size(kernel.image()));
        // An image of the release from another bzImage goes; another release's stays.
        assertThat(stale).doesNotExist();
        assertThat(other).exists();
        try (var files = Files.list(cache)) {
            assertThat(files.filter(p -> p.toString().endsWith(".partial"))).isEmpty();
        }
        // Found in the cache the next time, not written again.
        Files.setLastModifiedTime(boot, FileTime.fromMillis(0));
        assertThat(BootImage.of(kernel, cache)).isEqualTo(boot);
        assertThat(Files.getLastModifiedTime(boot).toMillis()).isZero();
    }

    @Test
    void whatIsNotABzImageBootsAsItIs() throws IOException {
        Path image = Files.writeString(dir.resolve("bzImage"), "not a kernel");
        KernelBuild kernel = new KernelBuild(image, Files.createDirectories(dir.resolve("6.1.0-57-amd64")));
        assertThat(BootImage.payload(image)).isEmpty();
        assertThat(BootImage.of(kernel, dir.resolve("cache"))).isEqualTo(image);
    }

    @Test
    void aBootProtocolOlderThan208HasNoPayloadFields() throws IOException {
        assertThat(BootImage.payload(bzImage(0x0207, gzip(Files.readAllBytes(Path.of("/bin/true"))))))
                .isEmpty();
        assertThat(BootImage.payload(bzImage(0x020f, new byte[] {1, 2, 3})))
                .hasValueSatisfying(p -> assertThat(p).containsExactly(1, 2, 3));
    }

    /** /bin/true is a 64-bit ELF file, but without Xen's PVH note: its bzImage boots as it is. */
    @Test
    void anElfKernelWithoutAPvhEntryIsNotUsed() throws IOException {
        Path elf = Path.of("/bin/true");
        assertThat(BootImage.hasPvhEntry(elf)).isFalse();
        assertThat(BootImage.hasPvhEntry(Files.writeString(dir.resolve("text"), "#!/bin/sh\n")))
                .isFalse();
        Path image = bzImage(0x020f, gzip(Files.readAllBytes(elf)));
        Path cache = dir.resolve("cache");
        assertThat(BootImage.extract(image, cache, cache.resolve("vmlinux-x-0")))
                .isEmpty();
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    /** A bzImage-shaped file: the boot protocol header of {@code version} and {@code payload} after one setup sector. */
    private Path bzImage(int version, byte[] payload) throws IOException {
        int setupSects = 1;
        ByteBuffer b = ByteBuffer.allocate((setupSects + 1) * 512 + 16 + payload.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(0x1f1, (byte) setupSects);
        b.putInt(0x202, 0x53726448);
        b.putShort(0x206, (short) version);
        b.putInt(0x248, 16);
        b.putInt(0x24c, payload.length);
        b.put((setupSects + 1) * 512 + 16, payload);
        return Files.write(dir.resolve("bzImage-" + version), b.array());
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}

package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ci/vm/mkinitramfs} on a self-built-kernel-like modules tree: compressed modules, a
 * module built in, one missing. Needs what {@code ci/vm/setup} installs, hence the vm tag.
 */
@Tag("vm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MkinitramfsTest {

    private static final Path REAL = KernelBuild.newestInstalled().modules();

    private Path dir;
    private Path modules;
    private Path cache;
    private String stderr;
    private Path image;

    @BeforeAll
    void build(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        modules = Files.createDirectories(dir.resolve("root/lib/modules/9.9.9-test"));
        cache = dir.resolve("cache");
        copy("kernel/crypto/crc32c_generic.ko", "zstd -q -c");
        copy("kernel/lib/libcrc32c.ko", "xz -c");
        copy("kernel/fs/xfs/xfs.ko", "cat");
        Files.writeString(
                modules.resolve("modules.dep"),
                String.join(
                        "\n",
                        "kernel/crypto/crc32c_generic.ko.zst:",
                        "kernel/lib/libcrc32c.ko.xz:",
                        "kernel/fs/xfs/xfs.ko: kernel/lib/libcrc32c.ko.xz",
                        ""));
        Files.writeString(
                modules.resolve("modules.builtin"),
                String.join(
                        "\n",
                        "kernel/drivers/block/brd.ko",
                        "kernel/fs/ext4/ext4.ko",
                        "kernel/drivers/nvdimm/libnvdimm.ko",
                        "kernel/drivers/nvdimm/nd_btt.ko",
                        "kernel/drivers/nvdimm/nd_e820.ko",
                        ""));
        Result first = mkinitramfs();
        assertThat(first.status).as(first.stderr).isZero();
        stderr = first.stderr;
        image = Path.of(first.stdout.strip());
    }

    private void copy(String module, String compressor) throws Exception {
        String suffix = compressor.startsWith("zstd") ? ".zst" : compressor.startsWith("xz") ? ".xz" : "";
        Path target = modules.resolve(module + suffix);
        Files.createDirectories(target.getParent());
        Process p = new ProcessBuilder("sh", "-c", compressor + " < '" + REAL.resolve(module) + "' > '" + target + "'")
                .inheritIO()
                .start();
        assertThat(p.waitFor()).isZero();
    }

    private record Result(int status, String stdout, String stderr) {}

    private Result mkinitramfs() throws Exception {
        Path script = Path.of(Initramfs.class.getResource("vm/mkinitramfs").toURI());
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(
                        "bash", script.toString(), "--modules", modules.toString(), "--cache", cache.toString())
                .redirectError(err.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, Files.readString(err));
    }

    private String unpack(String member) throws Exception {
        Process p = new ProcessBuilder(
                        "sh", "-c", "gzip -dc '" + image + "' | cpio -i --quiet --to-stdout '" + member + "'")
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    void imageIsNamedByReleaseAndCached() {
        assertThat(image.getParent()).isEqualTo(cache);
        assertThat(image.getFileName().toString()).matches("initramfs-9\\.9\\.9-test-[0-9a-f]{16}\\.cpio\\.gz");
    }

    @Test
    void loadsModulesInDependencyOrderDecompressed() throws Exception {
        assertThat(unpack("etc/daxspec/modules").lines())
                .containsExactly(
                        "/lib/modules/9.9.9-test/kernel/crypto/crc32c_generic.ko",
                        "/lib/modules/9.9.9-test/kernel/lib/libcrc32c.ko",
                        "/lib/modules/9.9.9-test/kernel/fs/xfs/xfs.ko");
        assertThat(unpack("lib/modules/9.9.9-test/kernel/lib/libcrc32c.ko"))
                .isEqualTo(Files.readString(REAL.resolve("kernel/lib/libcrc32c.ko"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void builtInModulesAreFineAndMissingOnesAWarning() {
        assertThat(stderr.lines())
                .containsExactly("mkinitramfs: warning: module nd_pmem is neither in " + modules + " nor built in");
    }

    @Test
    void shipsTheToolsAndTheInit() throws Exception {
        assertThat(unpack("init")).startsWith("#!/bin/bash\n# daxspec guest init");
        for (String tool : List.of(
                "bin/bash", "bin/xfs_io", "bin/mkfs.xfs", "bin/mke2fs", "bin/busybox", "lib64/ld-linux-x86-64.so.2")) {
            assertThat(unpack(tool)).as(tool).startsWith("\u007fELF");
        }
    }

    @Test
    void secondRunReusesTheImage() throws Exception {
        FileTime built = Files.getLastModifiedTime(image);
        Result again = mkinitramfs();
        assertThat(again.status).isZero();
        assertThat(again.stdout.strip()).isEqualTo(image.toString());
        assertThat(Files.getLastModifiedTime(image)).isEqualTo(built);
        try (var files = Files.list(cache)) {
            assertThat(files.toList()).containsExactly(image);
        }
    }
}

package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pmem as a crash leaves it: the filesystem's part saved and put back, the rest left alone. */
class CrashImageTest {

    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void theExtentIsTheOneTheRealMkfsWrote() throws Exception {
        assertThat(extentAfter(List.of("mkfs.ext4", "-q", "-F", "-b", "4096"), 64))
                .isEqualTo(64 * MIB);
        assertThat(extentAfter(List.of("mkfs.ext4", "-q", "-F", "-b", "1024"), 40))
                .isEqualTo(40 * MIB);
        assertThat(extentAfter(List.of("mkfs.ext4", "-q", "-F", "-O", "64bit"), 48))
                .isEqualTo(48 * MIB);
        assertThat(extentAfter(List.of("mkfs.ext2", "-q", "-F", "-b", "2048"), 24))
                .isEqualTo(24 * MIB);
        assertThat(extentAfter(List.of("mkfs.xfs", "-q", "-f", "-b", "size=4096"), 320))
                .isEqualTo(320 * MIB);
    }

    @Test
    void noSuperblockIsTheWholeDevice() {
        assertThat(CrashImage.extent(ByteBuffer.allocate(4096))).isEqualTo(Long.MAX_VALUE);
        assertThat(CrashImage.extent(ByteBuffer.allocate(100))).isEqualTo(Long.MAX_VALUE);
    }

    /**
     * A RAM file of 2 MiB of ordinary RAM and 8 MiB of pmem holding an ext4 of 4 MiB: what the
     * unmount wrote inside the filesystem is undone, a raw write past it stays.
     */
    @Test
    void restoreUndoesTheWritesInsideTheFilesystemOnly() throws Exception {
        Path fs = dir.resolve("fs");
        mkfs(List.of("mkfs.ext4", "-q", "-F", "-b", "4096"), fs, 4);
        Path ram = dir.resolve("vm.ram");
        try (RandomAccessFile f = new RandomAccessFile(ram.toFile(), "rw")) {
            f.setLength(10 * MIB);
        }
        try (FileChannel c = FileChannel.open(ram, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(Files.readAllBytes(fs)), 2 * MIB);
        }
        CrashImage image = new CrashImage(ram, 2 * MIB, 8 * MIB);
        image.save();
        write(ram, 2 * MIB + 3 * MIB, "unmount"); // inside the filesystem
        write(ram, 2 * MIB + 6 * MIB, "raw"); // past it, after the crash: this must stay
        write(ram, 100, "ordinary RAM");
        image.restore();
        assertThat(read(ram, 2 * MIB + 3 * MIB, 7)).isEqualTo(new byte[7]);
        assertThat(read(ram, 2 * MIB + 6 * MIB, 3)).isEqualTo("raw".getBytes());
        assertThat(read(ram, 100, 12)).isEqualTo("ordinary RAM".getBytes());
        assertThat(read(ram, 2 * MIB, 4 * (int) MIB)).isEqualTo(Files.readAllBytes(fs));
    }

    /**
     * The RAM file's holes in pmem (pages the guest never stored to) are holes again after a
     * restore, and what the unmount wrote into one reads as zeros.
     */
    @Test
    void restorePutsBackTheHolesAsHoles() throws Exception {
        Path fs = dir.resolve("fs");
        mkfs(List.of("mkfs.ext2", "-q", "-F", "-b", "4096"), fs, 4);
        Path shm = Path.of("/dev/shm");
        Path ram = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempFile(shm, "daxspec-crash-image-", ".ram")
                : dir.resolve("vm.ram");
        try {
            try (RandomAccessFile f = new RandomAccessFile(ram.toFile(), "rw")) {
                f.setLength(10 * MIB);
            }
            byte[] image = Files.readAllBytes(fs);
            byte[] head = Arrays.copyOf(image, 64 * 1024); // its superblock and group descriptors
            try (FileChannel c = FileChannel.open(ram, StandardOpenOption.WRITE)) {
                c.write(ByteBuffer.wrap(head), 2 * MIB);
            }
            write(ram, 2 * MIB + 2 * MIB, "file data");
            List<SparseFile.Range> before = SparseFile.data(ram, 0, 10 * MIB);
            CrashImage crash = new CrashImage(ram, 2 * MIB, 8 * MIB);
            crash.save();
            write(ram, 2 * MIB + 3 * MIB, "unmount"); // into a hole of the filesystem
            write(ram, 2 * MIB + 2 * MIB, "FILE"); // over data
            crash.restore();
            assertThat(SparseFile.data(ram, 0, 10 * MIB)).isEqualTo(before);
            assertThat(read(ram, 2 * MIB + 3 * MIB, 7)).isEqualTo(new byte[7]);
            assertThat(read(ram, 2 * MIB + 2 * MIB, 9)).isEqualTo("file data".getBytes());
            assertThat(Arrays.mismatch(read(ram, 2 * MIB, head.length), head)).isEqualTo(-1);
        } finally {
            Files.deleteIfExists(ram);
            Files.deleteIfExists(ram.resolveSibling(ram.getFileName() + ".crash"));
        }
    }

    private long extentAfter(List<String> mkfs, int mib) throws Exception {
        Path device = dir.resolve("device-" + mib);
        mkfs(mkfs, device, mib);
        ByteBuffer head = ByteBuffer.allocate(4096);
        try (FileChannel c = FileChannel.open(device)) {
            c.read(head, 0);
        }
        return CrashImage.extent(head.flip());
    }

    private static void mkfs(List<String> mkfs, Path device, int mib) throws Exception {
        assumeTrue(onPath(mkfs.get(0)), mkfs.get(0) + " is not installed (ci/vm/setup installs it)");
        try (RandomAccessFile f = new RandomAccessFile(device.toFile(), "rw")) {
            f.setLength(mib * MIB);
        }
        List<String> command = new java.util.ArrayList<>(mkfs);
        command.add(device.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }

    private static void write(Path file, long at, String text) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(text.getBytes()), at);
        }
    }

    private static byte[] read(Path file, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        try (FileChannel c = FileChannel.open(file)) {
            while (b.hasRemaining() && c.read(b, at + b.position()) > 0) {
                // a test file is long enough
            }
        }
        return b.array();
    }
}

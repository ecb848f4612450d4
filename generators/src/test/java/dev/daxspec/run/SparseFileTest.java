package dev.daxspec.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.run.SparseFile.Range;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data and holes of a real file, where the VMs' RAM files are: in {@code /dev/shm} (tmpfs, holes
 * by the page) where there is one, else in the temporary directory.
 */
class SparseFileTest {

    private static final long MIB = 1L << 20;

    private Path file;

    @BeforeEach
    void create() throws IOException {
        Path shm = Path.of("/dev/shm");
        file = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempFile(shm, "daxspec-sparse-", ".ram")
                : Files.createTempFile("daxspec-sparse-", ".ram");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(8 * MIB);
        }
    }

    @AfterEach
    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Test
    void aFileNeverWrittenIsOneHole() throws IOException {
        assertThat(SparseFile.data(file, 0, 8 * MIB)).isEmpty();
    }

    @Test
    void dataIsWhereBytesWereWrittenByTheBlock() throws IOException {
        write(1 * MIB + 10, "a");
        write(5 * MIB - 1, "bc"); // across a block boundary
        List<Range> data = SparseFile.data(file, 0, 8 * MIB);
        assertThat(data).hasSize(2);
        assertThat(data.get(0).from()).isLessThanOrEqualTo(1 * MIB + 10).isGreaterThanOrEqualTo(1 * MIB);
        assertThat(data.get(0).to()).isGreaterThan(1 * MIB + 10).isLessThanOrEqualTo(2 * MIB);
        assertThat(data.get(1).from()).isLessThanOrEqualTo(5 * MIB - 1).isGreaterThanOrEqualTo(4 * MIB);
        assertThat(data.get(1).to()).isGreaterThan(5 * MIB).isLessThanOrEqualTo(6 * MIB);
    }

    @Test
    void dataIsClippedToTheRangeAsked() throws IOException {
        write(0, "x".repeat(4 * (int) MIB));
        assertThat(SparseFile.data(file, MIB, 2 * MIB)).containsExactly(new Range(MIB, 2 * MIB));
        assertThat(SparseFile.data(file, 5 * MIB, 8 * MIB)).isEmpty();
    }

    @Test
    void aPunchedRangeReadsAsZerosAndHoldsNoData() throws IOException {
        write(0, "x".repeat(3 * (int) MIB));
        SparseFile.punch(file, new Range(MIB, 2 * MIB));
        assertThat(SparseFile.data(file, 0, 8 * MIB)).containsExactly(new Range(0, MIB), new Range(2 * MIB, 3 * MIB));
        assertThat(read(MIB, 4096)).isEqualTo(new byte[4096]);
        assertThat(read(2 * MIB, 1)).isEqualTo("x".getBytes());
        assertThat(Files.size(file)).isEqualTo(8 * MIB);
    }

    @Test
    void aMissingFileNamesItselfAndTheErrno() {
        Path missing = file.resolveSibling(file.getFileName() + ".missing");
        assertThatThrownBy(() -> SparseFile.data(missing, 0, MIB))
                .isInstanceOf(IOException.class)
                .hasMessage("open of " + missing + ": errno 2");
    }

    @Test
    void minusLeavesWhatNoOtherRangeCovers() {
        List<Range> ranges = List.of(new Range(0, 10), new Range(20, 30), new Range(40, 50));
        assertThat(SparseFile.minus(ranges, List.of())).isEqualTo(ranges);
        assertThat(SparseFile.minus(ranges, ranges)).isEmpty();
        assertThat(SparseFile.minus(ranges, List.of(new Range(5, 25), new Range(28, 29), new Range(45, 60))))
                .containsExactly(new Range(0, 5), new Range(25, 28), new Range(29, 30), new Range(40, 45));
        assertThat(SparseFile.minus(List.of(new Range(10, 20)), List.of(new Range(0, 5), new Range(12, 14))))
                .containsExactly(new Range(10, 12), new Range(14, 20));
    }

    private void write(long at, String text) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes());
            while (b.hasRemaining()) {
                c.write(b, at + b.position());
            }
        }
    }

    private byte[] read(long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        try (FileChannel c = FileChannel.open(file)) {
            while (b.hasRemaining() && c.read(b, at + b.position()) > 0) {
                // the file is long enough
            }
        }
        return b.array();
    }
}

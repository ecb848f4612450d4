package dev.daxspec.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a file that another process appends to, line by line. The file is opened when it
 * first exists and stays open: the host looks at a VM's result port every 2 ms, and an open, a
 * stat and a close each time cost the JVM about a second of CPU in a run of {@code explore}.
 * Not thread-safe.
 */
final class FileTail implements AutoCloseable {

    private final Path file;
    private final StringBuilder partial = new StringBuilder();
    private FileChannel channel;
    private long offset;

    FileTail(Path file) {
        this.file = file;
    }

    /** The complete lines appended since the last call, without terminators or carriage returns. */
    List<String> newLines() throws IOException {
        List<String> lines = new ArrayList<>();
        if (channel == null) {
            try {
                channel = FileChannel.open(file);
            } catch (NoSuchFileException e) {
                return lines; // not made yet
            }
        }
        long length = channel.size();
        if (length <= offset) {
            return lines;
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(length - offset));
        while (bytes.hasRemaining() && channel.read(bytes, offset + bytes.position()) > 0) {
            // the file is at least that long
        }
        offset += bytes.position();
        partial.append(new String(bytes.array(), 0, bytes.position(), StandardCharsets.ISO_8859_1));
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            lines.add(partial.substring(0, newline).replace("\r", ""));
            partial.delete(0, newline + 1);
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}

package dev.daxspec.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Follows a file that another process appends to, line by line. Not thread-safe. */
final class FileTail {

    private final Path file;
    private final StringBuilder partial = new StringBuilder();
    private long offset;

    FileTail(Path file) {
        this.file = file;
    }

    /** The complete lines appended since the last call, without terminators or carriage returns. */
    List<String> newLines() throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return lines;
            }
            byte[] bytes = new byte[Math.toIntExact(length - offset)];
            in.seek(offset);
            in.readFully(bytes);
            offset = length;
            partial.append(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            lines.add(partial.substring(0, newline).replace("\r", ""));
            partial.delete(0, newline + 1);
        }
        return lines;
    }
}

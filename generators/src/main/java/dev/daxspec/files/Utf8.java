package dev.daxspec.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The text files daxspec reads from the user (features, conformance cases) are UTF-8; a
 * byte that is not is reported with its line, not read as U+FFFD.
 */
public final class Utf8 {

    private Utf8() {}

    /**
     * The first byte of a file that does not decode as UTF-8.
     *
     * @param line its line, from 1
     * @param offset its offset in the file, from 0
     * @param value the byte, 0 to 255
     */
    public record BadByte(int line, int offset, int value) {
        /** {@code not UTF-8 text (the byte at offset 17 is 0xff)}. */
        public String message() {
            return "not UTF-8 text (the byte at offset " + offset + " is 0x" + String.format(Locale.ROOT, "%02x", value)
                    + ")";
        }
    }

    /** The first byte of {@code bytes} that is not UTF-8; empty when they all decode. */
    public static Optional<BadByte> firstBadByte(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(bytes.length), true);
        if (!r.isError()) {
            return Optional.empty();
        }
        int at = in.position();
        int line = 1;
        for (int i = 0; i < at; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return Optional.of(new BadByte(line, at, bytes[at] & 0xff));
    }
}

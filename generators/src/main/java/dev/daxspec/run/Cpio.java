package dev.daxspec.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes a cpio archive in the "newc" format the kernel unpacks into its initramfs: owner root,
 * modification time 0, so the same entries give the same bytes. Parent directories must be added
 * before what they hold. Not thread-safe.
 */
final class Cpio {

    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;

    private final OutputStream out;
    private long written;
    private int inode = 1;

    Cpio(OutputStream out) {
        this.out = out;
    }

    /** Adds a directory; {@code path} is relative, like {@code daxspec/jobs}. */
    void directory(String path, int mode) throws IOException {
        entry(path, DIRECTORY | mode, 2, new byte[0]);
    }

    /** Adds a regular file. */
    void file(String path, int mode, byte[] content) throws IOException {
        entry(path, REGULAR | mode, 1, content);
    }

    /** Adds the trailer; nothing may follow. */
    void finish() throws IOException {
        entry("TRAILER!!!", 0, 1, new byte[0]);
        out.flush();
    }

    private void entry(String path, int mode, int links, byte[] content) throws IOException {
        byte[] name = (path + "\0").getBytes(StandardCharsets.UTF_8);
        String header = String.format(
                Locale.ROOT,
                "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
                path.equals("TRAILER!!!") ? 0 : inode++,
                mode,
                0,
                0,
                links,
                0,
                content.length,
                0,
                0,
                0,
                0,
                name.length,
                0);
        write(header.getBytes(StandardCharsets.US_ASCII));
        write(name);
        pad();
        write(content);
        pad();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }
}

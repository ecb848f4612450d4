package dev.daxspec.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file whole or not at all: into a hidden temporary file beside it, then renamed
 * over it, so that a reader (or an interrupted daxspec) never sees half a file and a failed
 * write leaves nothing behind. Missing directories above the file are created. The one way
 * daxspec writes a report, a kill matrix, a script or a recorded transcript; a whole suite
 * is a tree, written so by {@code emit}'s {@code AtomicTree}.
 */
public final class AtomicFile {

    private AtomicFile() {}

    /** Writes {@code text} as UTF-8 to {@code file}, mode 0644. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Writes {@code content} to {@code file}, replacing it.
     *
     * @param executable mode 0755 rather than 0644
     * @throws IOException when it cannot be written; then neither the temporary file nor a
     *     changed {@code file} is left
     */
    public static void write(Path file, byte[] content, boolean executable) throws IOException {
        Path dest = file.toAbsolutePath();
        Path parent = dest.getParent();
        Files.createDirectories(parent);
        Path tmp;
        try {
            tmp = Files.createTempFile(parent, "." + dest.getFileName(), ".tmp");
        } catch (FileSystemException e) {
            // named as the user gave it: the temporary file's name means nothing to them
            throw new FileSystemException(
                    file.toString(), null, "cannot create a file in " + parent + " (" + Reason.of(e) + ")");
        }
        try {
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

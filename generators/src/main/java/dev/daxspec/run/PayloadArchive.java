package dev.daxspec.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The part of the initramfs that changes from pool to pool: the kernel-error expression the
 * guest greps for and the payload tree. Written as a gzip'd cpio archive appended to the cached
 * base image (the kernel unpacks concatenated archives in order). The jobs are not in it: the
 * guest asks for them one phase at a time on its job port ({@link JobPort}).
 *
 * <pre>
 * daxspec/kernel-error.ere      {@link KernelErrors#FIRST_LINE}
 * payload/...                   the payload tree, if any
 * </pre>
 */
final class PayloadArchive {

    private PayloadArchive() {}

    /** Writes the archive with the optional payload directory to {@code out}. */
    static void write(Optional<Path> payload, OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out);
        Cpio cpio = new Cpio(gzip);
        cpio.directory("daxspec", 0755);
        cpio.file("daxspec/kernel-error.ere", 0644, text(KernelErrors.FIRST_LINE + "\n"));
        if (payload.isPresent()) {
            addTree(cpio, payload.get());
        }
        cpio.finish();
        gzip.finish();
    }

    private static void addTree(Cpio cpio, Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new VmException("payload directory " + root + " does not exist");
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted().toList()) {
                String relative = root.relativize(path).toString();
                String name = relative.isEmpty() ? "payload" : "payload/" + relative;
                if (Files.isDirectory(path)) {
                    cpio.directory(name, 0755);
                } else if (Files.isRegularFile(path)) {
                    cpio.file(name, Files.isExecutable(path) ? 0755 : 0644, Files.readAllBytes(path));
                } else {
                    throw new VmException("payload " + path + " is neither a file nor a directory");
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

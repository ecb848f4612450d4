package dev.daxspec.series.regress;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A kernel a series is tested on, as reports name it.
 *
 * @param role {@code base} or {@code head}
 * @param image the kernel image booted, as the user named it
 * @param modules its modules tree
 * @param release its release string (from the image), e.g. {@code 6.1.0-56-amd64}
 */
public record KernelUnderTest(String role, Path image, Path modules, String release) {

    public KernelUnderTest {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(modules, "modules");
        Objects.requireNonNull(release, "release");
    }

    /**
     * @return 16 hex digits naming the build: a SHA-256 of the role and the image's and the
     *     modules' absolute paths. The role is in it so that base and head never share an
     *     id, even when they are the same kernel.
     */
    public String buildHash() {
        return hash(role + "\0" + image.toAbsolutePath().normalize() + "\0" + modules.toAbsolutePath().normalize());
    }

    /** @return 16 hex digits naming the checkout: a SHA-256 of the role and the image's absolute path */
    public String checkoutHash() {
        return hash(role + "\0" + image.toAbsolutePath().normalize());
    }

    /** @return {@code role release (image)}, for report headers */
    public String describe() {
        return role + " " + release + " (" + image + ")";
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

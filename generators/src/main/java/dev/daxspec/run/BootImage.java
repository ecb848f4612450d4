package dev.daxspec.run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * What qemu's {@code -kernel} loads: the ELF vmlinux inside a kernel's bzImage, where that
 * has a PVH entry point, extracted once into the user's cache; otherwise the bzImage.
 *
 * <p>Without KVM a bzImage spends about half of its boot before the kernel starts: in
 * SeaBIOS, in the real-mode setup code and in the decompressor, which for Debian's kernels
 * undoes XZ. Measured here (qemu 7.2 TCG, Debian 6.1.0-57, from qemu's start to the guest's
 * READY; the guest's own uptime 3.4 to 3.6 s either way): 6.8 to 6.9 s for the bzImage,
 * 3.7 s for its vmlinux. qemu loads an ELF kernel with a PVH entry ({@code
 * XEN_ELFNOTE_PHYS32_ENTRY}, which {@code CONFIG_PVH} adds; Debian's kernels have it) into
 * memory as it is and starts it there. The kernel is the same code; only its way into
 * {@code start_kernel()} differs, and KASLR, which only the decompressor applies, is off.
 *
 * <p>Where any of it cannot be done (an older boot protocol, a payload neither gzip nor XZ,
 * no PVH note, a cache that cannot be written), the bzImage boots as before.
 */
final class BootImage {

    /** The Linux/x86 boot protocol's header fields (Documentation/x86/boot.rst). */
    private static final int SETUP_SECTS = 0x1f1;

    private static final int HEADER_MAGIC = 0x202;
    private static final int VERSION = 0x206;
    private static final int PAYLOAD_OFFSET = 0x248;
    private static final int PAYLOAD_LENGTH = 0x24c;

    /** payload_offset and payload_length came with boot protocol 2.08. */
    private static final int PAYLOAD_VERSION = 0x0208;

    private static final int PT_NOTE = 4;
    /** XEN_ELFNOTE_PHYS32_ENTRY: the 32-bit entry point qemu's PVH boot jumps to. */
    private static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;

    private BootImage() {}

    /**
     * The file to boot for {@code kernel}: its vmlinux in {@code cache} (extracted now if it
     * is not there yet), or {@link KernelBuild#image()}.
     */
    static Path of(KernelBuild kernel, Path cache) {
        Path image = kernel.image();
        try {
            Path vmlinux = cache.resolve("vmlinux-" + kernel.release() + "-" + hash(image));
            if (Files.isRegularFile(vmlinux) && hasPvhEntry(vmlinux)) {
                return vmlinux;
            }
            Optional<Path> extracted = extract(image, cache, vmlinux);
            if (extracted.isEmpty()) {
                return image;
            }
            // Those of this release from other images are of no more use (as mkinitramfs does).
            try (Stream<Path> others = Files.list(cache)) {
                for (Path p : others.filter(p -> isOlder(p, kernel.release(), vmlinux))
                        .toList()) {
                    Files.deleteIfExists(p);
                }
            }
            return vmlinux;
        } catch (IOException e) {
            return image;
        }
    }

    private static boolean isOlder(Path p, String release, Path current) {
        String name = p.getFileName().toString();
        return !p.equals(current) && name.startsWith("vmlinux-" + release + "-") && !name.endsWith(".partial");
    }

    /**
     * Decompresses the payload of {@code image} into {@code target}, written under another
     * name and moved there when whole.
     *
     * @return {@code target}, or empty when the image has no payload this can read, or the
     *     payload is not an ELF kernel with a PVH entry
     */
    static Optional<Path> extract(Path image, Path cache, Path target) throws IOException {
        Optional<byte[]> payload = payload(image);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(cache);
        Path partial = Files.createTempFile(cache, target.getFileName() + ".", ".partial");
        try {
            try (InputStream in = decompressor(payload.get());
                    OutputStream out = Files.newOutputStream(partial)) {
                if (in == null) {
                    return Optional.empty();
                }
                in.transferTo(out);
            }
            if (!hasPvhEntry(partial)) {
                return Optional.empty();
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(target);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The compressed kernel inside a bzImage, by its header; empty for anything else. */
    static Optional<byte[]> payload(Path image) throws IOException {
        byte[] bytes = Files.readAllBytes(image);
        if (bytes.length < PAYLOAD_LENGTH + 4) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(HEADER_MAGIC) != 0x53726448 /* "HdrS" */ || (b.getShort(VERSION) & 0xffff) < PAYLOAD_VERSION) {
            return Optional.empty();
        }
        int setupSects = bytes[SETUP_SECTS] & 0xff;
        // "If this field is 0, the real value is 4."
        long start = (long) ((setupSects == 0 ? 4 : setupSects) + 1) * 512
                + Integer.toUnsignedLong(b.getInt(PAYLOAD_OFFSET));
        long length = Integer.toUnsignedLong(b.getInt(PAYLOAD_LENGTH));
        if (length == 0 || start + length > bytes.length) {
            return Optional.empty();
        }
        byte[] payload = new byte[(int) length];
        System.arraycopy(bytes, (int) start, payload, 0, (int) length);
        return Optional.of(payload);
    }

    /**
     * A stream of the decompressed payload, for gzip and XZ (with its x86 BCJ filter); null
     * for the others. The build appends the decompressed size to the payload (4 bytes, {@code
     * size_append} in arch/x86/boot/compressed/Makefile), so XZ reads one stream and stops.
     */
    private static InputStream decompressor(byte[] payload) throws IOException {
        InputStream raw = new ByteArrayInputStream(payload);
        if (payload.length > 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(raw, 1 << 16);
        }
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
        if (payload.length > xz.length && Arrays.equals(payload, 0, xz.length, xz, 0, xz.length)) {
            return new SingleXZInputStream(raw);
        }
        return null;
    }

    /** Whether {@code file} is a little-endian 64-bit ELF file with a PVH entry note. */
    static boolean hasPvhEntry(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer h = read(ch, 0, 64);
            if (h == null
                    || h.getInt(0) != 0x464c457f /* "\177ELF" */
                    || h.get(4) != 2 /* ELFCLASS64 */
                    || h.get(5) != 1 /* ELFDATA2LSB */) {
                return false;
            }
            long phoff = h.getLong(0x20);
            int phentsize = h.getShort(0x36) & 0xffff;
            int phnum = h.getShort(0x38) & 0xffff;
            for (int i = 0; i < phnum; i++) {
                ByteBuffer ph = read(ch, phoff + (long) i * phentsize, 56);
                if (ph != null && ph.getInt(0) == PT_NOTE && hasPvhNote(read(ch, ph.getLong(8), ph.getLong(32)))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether the notes in {@code notes} (namesz, descsz, type, name, desc; each padded to 4) hold Xen's PVH entry. */
    private static boolean hasPvhNote(ByteBuffer notes) {
        if (notes == null) {
            return false;
        }
        int at = 0;
        while (at + 12 <= notes.limit()) {
            int namesz = notes.getInt(at);
            int descsz = notes.getInt(at + 4);
            int type = notes.getInt(at + 8);
            if (namesz < 0 || descsz < 0 || at + 12L + namesz > notes.limit()) {
                return false;
            }
            byte[] name = new byte[namesz];
            notes.get(at + 12, name);
            if (type == XEN_ELFNOTE_PHYS32_ENTRY && new String(name, StandardCharsets.US_ASCII).equals("Xen\0")) {
                return true;
            }
            at += 12 + align4(namesz) + align4(descsz);
        }
        return false;
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    /** {@code length} bytes at {@code position}, little-endian; null when the file is shorter or the length absurd. */
    private static ByteBuffer read(FileChannel ch, long position, long length) throws IOException {
        if (position < 0 || length < 0 || length > 1 << 20 || position + length > ch.size()) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                return null;
            }
        }
        return b.flip();
    }

    /** The first 16 hex digits of the image's SHA-256: a new image of the same release is another file. */
    private static String hash(Path image) throws IOException {
        MessageDigest sha = FileDigest.sha256();
        FileDigest.update(sha, image);
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}

package dev.daxspec.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The base guest image, built (or found in its cache) by {@code ci/vm/mkinitramfs}, which the
 * build copies into this package's resources together with {@code ci/vm/guest-init} and
 * {@code ci/vm/probe.c}.
 */
final class Initramfs {

    private static final String RESOURCES = "vm/";

    private Initramfs() {}

    /**
     * Runs mkinitramfs for {@code modules}, with {@code --xfstests} for {@link GuestTools#XFSTESTS},
     * using {@code scratch} to unpack the scripts.
     *
     * @return the path of the image in mkinitramfs's cache
     * @throws VmException with mkinitramfs's own message when it fails
     */
    static Path build(Path modules, GuestTools tools, Path scratch) {
        try {
            Path dir = Files.createDirectories(scratch.resolve("vm"));
            Path script = unpack("mkinitramfs", dir);
            unpack("guest-init", dir);
            unpack("probe.c", dir);
            Path errors = dir.resolve("mkinitramfs.err");
            List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--modules", modules.toString()));
            if (tools == GuestTools.XFSTESTS) {
                command.add("--xfstests");
            }
            Process process =
                    new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            int status = process.waitFor();
            String err = Files.readString(errors, StandardCharsets.UTF_8);
            if (status != 0) {
                List<String> lines = err.strip().lines().toList();
                String last = lines.isEmpty() ? "exit status " + status : lines.get(lines.size() - 1);
                throw new VmException("building the guest initramfs failed: " + last);
            }
            return Path.of(new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new VmException("building the guest initramfs failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException("interrupted while building the guest initramfs", e);
        }
    }

    private static Path unpack(String name, Path dir) throws IOException {
        try (InputStream in = Initramfs.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new VmException("the build did not package ci/vm/" + name + " (rebuild daxspec)");
            }
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }
}

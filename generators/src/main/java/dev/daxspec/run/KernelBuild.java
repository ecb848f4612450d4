package dev.daxspec.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A kernel to boot: its image and the modules tree built with it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param image the bzImage ({@code /boot/vmlinuz-RELEASE} or {@code arch/x86/boot/bzImage})
 * @param modules its modules tree ({@code /lib/modules/RELEASE}, or {@code
 *     INSTALL_MOD_PATH/lib/modules/RELEASE} for a self-built kernel); the modules the harness needs
 *     may be built in
 */
public record KernelBuild(Path image, Path modules) {

    private static final String SETUP_HINT = "run ci/vm/setup or pass --kernel PATH --modules DIR";

    /**
     * Checks that both paths exist.
     *
     * @throws VmException naming the missing path
     */
    public KernelBuild {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(modules, "modules");
        if (!Files.isRegularFile(image)) {
            throw new VmException("kernel image " + image + " does not exist; " + SETUP_HINT);
        }
        if (!Files.isDirectory(modules)) {
            throw new VmException("kernel modules directory " + modules + " does not exist; " + SETUP_HINT);
        }
    }

    /**
     * The newest Debian kernel installed on this machine: {@code /boot/vmlinuz-RELEASE} with {@code
     * /lib/modules/RELEASE}.
     *
     * @throws VmException when there is none
     */
    public static KernelBuild newestInstalled() {
        return newestIn(Path.of("/boot"), Path.of("/lib/modules"));
    }

    /** The newest {@code boot/vmlinuz-RELEASE} that has a {@code modulesRoot/RELEASE}. */
    static KernelBuild newestIn(Path boot, Path modulesRoot) {
        try (Stream<Path> images = Files.list(boot)) {
            return images.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("vmlinuz-"))
                    .map(name -> name.substring("vmlinuz-".length()))
                    .filter(release -> Files.isDirectory(modulesRoot.resolve(release)))
                    .max(Comparator.comparing(VersionKey::of))
                    .map(release -> new KernelBuild(boot.resolve("vmlinuz-" + release), modulesRoot.resolve(release)))
                    .orElseThrow(() -> noKernel(boot, modulesRoot));
        } catch (IOException e) {
            throw noKernel(boot, modulesRoot);
        }
    }

    private static VmException noKernel(Path boot, Path modulesRoot) {
        return new VmException("no kernel with modules in " + boot + " and " + modulesRoot + "; " + SETUP_HINT);
    }

    /** The kernel release: the name of the modules directory. */
    public String release() {
        return modules.getFileName().toString();
    }

    /**
     * Whether module {@code name} (e.g. {@code brd}) is built into the kernel: {@code
     * modules.builtin} names it, as {@code ci/vm/mkinitramfs} reads it. A tree without that file
     * builds nothing in.
     */
    boolean builtIn(String name) {
        Path list = modules.resolve("modules.builtin");
        if (!Files.isRegularFile(list)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(list)) {
            return lines.anyMatch(line -> line.equals(name + ".ko") || line.endsWith("/" + name + ".ko"));
        } catch (IOException | UncheckedIOException e) {
            throw new VmException("cannot read " + list + ": " + e.getMessage(), e);
        }
    }
}

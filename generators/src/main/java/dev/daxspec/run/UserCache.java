package dev.daxspec.run;

import java.nio.file.Path;

/** The user's cache directories of daxspec, beside ci/vm/mkinitramfs's {@code initramfs}. */
final class UserCache {

    private UserCache() {}

    /** {@code $XDG_CACHE_HOME/daxspec/NAME}, or {@code ~/.cache/daxspec/NAME}. */
    static Path directory(String name) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("daxspec").resolve(name);
    }
}

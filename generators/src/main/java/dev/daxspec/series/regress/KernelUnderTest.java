package dev.daxspec.series.regress;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A kernel a series is tested on, as reports name it.
 *
 * @param role {@code base} or {@code head}
 * @param image the kernel image booted, as the user named it
 * @param modules its modules tree
 * @param release its release string (from the image), e.g. {@code 6.1.0-56-amd64}
 * @param commit the full id of the commit it was built from, when known: a range's BASE
 *     and its last commit are the base and head kernels' ({@code daxspec series --range})
 */
public record KernelUnderTest(String role, Path image, Path modules, String release, Optional<String> commit) {

    public KernelUnderTest {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(modules, "modules");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(commit, "commit");
    }

    /** @return {@code role release (image)}, for report headers */
    public String describe() {
        return role + " " + release + " (" + image + ")";
    }
}

package dev.daxspec.series.regress;

import dev.daxspec.run.KernelBuild;
import java.util.Objects;
import java.util.Optional;

/**
 * A kernel a series is tested on, as reports name it: a {@link KernelBuild} in its role.
 *
 * @param role {@code base} or {@code head}
 * @param build the kernel image booted, as the user named it, and its modules tree, whose name
 *     is its release, e.g. {@code 6.1.0-56-amd64}
 * @param commit the full id of the commit it was built from, when known: a range's BASE
 *     and its last commit are the base and head kernels' ({@code daxspec series --range})
 */
public record KernelUnderTest(String role, KernelBuild build, Optional<String> commit) {

    public KernelUnderTest {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(commit, "commit");
    }

    /** @return {@code role release (image)}, for report headers */
    public String describe() {
        return role + " " + build.release() + " (" + build.image() + ")";
    }
}

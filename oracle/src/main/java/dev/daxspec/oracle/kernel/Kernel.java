package dev.daxspec.oracle.kernel;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kernel a model stands for: the correct one, or one carrying historical bugs.
 * Every place where a bug changes behaviour asks {@link #has(Bug)} exactly once; that is
 * the bug's single switch point. Immutable and thread-safe.
 *
 * @param bugs the bugs this kernel has; empty for the specified behaviour
 * @param profile where correct kernels differ by release and configuration
 */
public record Kernel(Set<Bug> bugs, KernelProfile profile) {

    /** The specified behaviour: what a correct kernel does. */
    public static final Kernel CORRECT = new Kernel(Set.of());

    public Kernel {
        bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
    }

    /** A kernel with these bugs and the default profile. */
    public Kernel(Set<Bug> bugs) {
        this(bugs, KernelProfile.DEFAULT);
    }

    /** This kernel with {@code p} as its profile. */
    public Kernel withProfile(KernelProfile p) {
        return new Kernel(bugs, p);
    }

    /** A kernel with exactly one historical bug. */
    public static Kernel with(Bug bug) {
        return new Kernel(Set.of(bug));
    }

    public boolean has(Bug bug) {
        return bugs.contains(bug);
    }

    public boolean isCorrect() {
        return bugs.isEmpty();
    }

    @Override
    public String toString() {
        String b = bugs.isEmpty()
                ? "correct"
                : String.join("+", bugs.stream().map(Bug::id).sorted().toList());
        return profile.equals(KernelProfile.DEFAULT) ? b : b + ", " + profile;
    }
}

package dev.daxspec.spec;

import java.util.Optional;

/** The {@code mount}-th mount is refused (mount(8) exits 32) or succeeds. */
record MountOutcome(StepRef step, int mount, boolean refused) implements Expectation {

    @Override
    public Optional<String> in(TranscriptView t) {
        Optional<TranscriptView.Section> s = t.mount(mount);
        if (s.isEmpty()) {
            return Optional.of("that mount never ran");
        }
        boolean wasRefused = s.get().exitStatus() != 0;
        if (wasRefused == refused) {
            return Optional.empty();
        }
        return Optional.of(
                wasRefused
                        ? "the mount was refused (exit " + s.get().exitStatus() + ", kernel: "
                                + String.join(" | ", s.get().kernel()) + ")"
                        : "the mount succeeded");
    }
}

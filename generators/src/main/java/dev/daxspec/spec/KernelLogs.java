package dev.daxspec.spec;

import java.util.Optional;

/**
 * The {@code mount}-th mount logs a kernel line (warning level or above, as the
 * transcript's {@code kernel:} lines show them), or logs nothing when {@code line} is empty.
 */
record KernelLogs(StepRef step, int mount, Optional<String> line) implements Expectation {

    @Override
    public Optional<String> in(TranscriptView t) {
        Optional<TranscriptView.Section> s = t.mount(mount);
        if (s.isEmpty()) {
            return Optional.of("that mount never ran");
        }
        var logged = s.get().kernel().stream().filter(l -> !l.isEmpty()).toList();
        if (line.isEmpty()) {
            return logged.isEmpty()
                    ? Optional.empty()
                    : Optional.of("the kernel logged: " + String.join(" | ", logged));
        }
        if (logged.contains(line.get())) {
            return Optional.empty();
        }
        return Optional.of(
                logged.isEmpty() ? "the kernel logged nothing" : "the kernel logged: " + String.join(" | ", logged));
    }
}

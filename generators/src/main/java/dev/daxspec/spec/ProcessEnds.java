package dev.daxspec.spec;

import java.util.Optional;

/**
 * The xfs_io run of program step {@code step} ends with {@code status}: 135 when SIGBUS
 * killed it, 139 for SIGSEGV, 0 when it survived.
 */
record ProcessEnds(StepRef step, int run, int status) implements Expectation {

    @Override
    public Optional<String> in(TranscriptView t) {
        Optional<TranscriptView.Section> s = t.step(run);
        if (s.isEmpty()) {
            return Optional.of("the access never ran: " + t.missing(run));
        }
        int got = s.get().exitStatus();
        if (got == status) {
            return Optional.empty();
        }
        return Optional.of("'" + s.get().command() + "' " + describe(got) + ", not " + describe(status));
    }

    static String describe(int status) {
        return switch (status) {
            case 0 -> "exited 0";
            case 135 -> "died of SIGBUS (exit 135)";
            case 139 -> "died of SIGSEGV (exit 139)";
            default -> "exited " + status;
        };
    }
}

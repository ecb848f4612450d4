package dev.daxspec.spec;

import java.util.Optional;

/**
 * The escape hatch's claim: an xfs_io run prints exactly this (its lines after the
 * command, {@code exit N} and {@code trace:} lines included).
 */
record PrintsExactly(StepRef step, int run, String text) implements Expectation {

    @Override
    public Optional<String> in(TranscriptView t) {
        Optional<TranscriptView.Section> s = t.step(run);
        if (s.isEmpty()) {
            return Optional.of("the run never ran: " + t.missing(run));
        }
        String got = s.get().text();
        return got.equals(text)
                ? Optional.empty()
                : Optional.of("it printed:\n" + indent(got) + "  not:\n" + indent(text));
    }

    private static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String l : s.split("\n")) {
            sb.append("    | ").append(l).append('\n');
        }
        return sb.toString();
    }
}

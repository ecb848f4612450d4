package dev.daxspec.spec;

import java.util.Objects;

/**
 * A Gherkin step as a reader finds it: the feature file as the user names it (relative to
 * the working directory when it is under it), the step's line, and its text with keyword
 * ({@code Then reading byte 4096 through the mapping raises SIGBUS}). In a Scenario Outline
 * the line is the step's line in the outline and the text has the example's values.
 * Immutable.
 *
 * @param file the feature file, e.g. {@code features/mmap/eof_sigbus.feature}
 * @param line 1-based line of the step
 * @param text keyword and text
 */
public record StepRef(String file, int line, String text) {

    public StepRef {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
    }

    /** {@code file:line}, the form editors and compilers use. */
    public String location() {
        return file + ":" + line;
    }

    /** {@code file:line: text}. */
    @Override
    public String toString() {
        return location() + ": " + text;
    }
}

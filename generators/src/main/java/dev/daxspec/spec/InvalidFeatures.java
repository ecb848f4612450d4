package dev.daxspec.spec;

import java.util.List;

/**
 * The features do not compile (thrown by {@link Features}, for check, generate, conform
 * --features and series alike): syntax errors, undefined or ambiguous steps, values
 * out of range, targets the oracle cannot mount, programs it cannot predict. Each error
 * is one line, {@code file:line: message}. Nothing was reported or written.
 */
public final class InvalidFeatures extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public InvalidFeatures(List<String> errors) {
        super(errors.size() == 1 ? errors.get(0) : errors.size() + " errors, the first: " + errors.get(0));
        this.errors = List.copyOf(errors);
    }

    /** One line each, {@code file:line: message}. */
    public List<String> errors() {
        return errors;
    }
}

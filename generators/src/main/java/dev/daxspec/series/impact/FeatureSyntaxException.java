package dev.daxspec.series.impact;

import java.util.List;

/**
 * Feature files that do not parse. Each error is one line, {@code file:line: message},
 * the file named as it was found (under the features directory given).
 */
public final class FeatureSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    /**
     * @param errors one line each, {@code file:line: message}; at least one
     */
    FeatureSyntaxException(List<String> errors) {
        super(errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    /** @return every syntax error, in file and line order, {@code file:line: message} */
    public List<String> errors() {
        return errors;
    }
}

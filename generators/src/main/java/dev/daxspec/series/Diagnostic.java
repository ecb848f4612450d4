package dev.daxspec.series;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * Something worth telling about the input that did not stop the analysis:
 * a message without a patch, a hunk header that names the wrong function, a
 * file whose braces do not balance.
 *
 * @param severity how much it matters
 * @param source the file, message or commit it is about
 * @param line the line in {@code source} it is about, or 0
 * @param message what happened, one line
 */
public record Diagnostic(Severity severity, String source, int line, String message) {

    /** How much a diagnostic matters. */
    public enum Severity {
        /** Worth knowing; the result is complete. */
        INFO,
        /** The result may be less precise than it looks. */
        WARNING,
        /** Part of the input was not understood and is missing from the result. */
        ERROR
    }

    /** Orders by source, line, severity (most severe first), message. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::source)
            .thenComparingInt(Diagnostic::line)
            .thenComparing(Diagnostic::severity, Comparator.reverseOrder())
            .thenComparing(Diagnostic::message);

    /** Validates the record. */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        message = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** @return {@code source:line: severity: message}, the usual compiler form */
    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + message;
    }
}

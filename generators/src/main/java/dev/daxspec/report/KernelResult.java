package dev.daxspec.report;

import dev.daxspec.emit.Verdict;
import java.util.Objects;
import java.util.Optional;

/**
 * One test's result in a kernel run, as a JUnit file of {@code daxspec run}, {@code conform}
 * or {@code series} records it. Immutable.
 *
 * @param test the test's id: a scenario id ({@code mmap-eof_sigbus-23}) or a conformance case's name
 * @param verdict PASS, FAIL, KNOWN-DEVIATION, NOTRUN (JUnit's skipped) or INFRA (JUnit's error)
 * @param source the file it was read from, as the user named it, with the line of its {@code testcase}
 * @param message the failure's, skip's or known deviation's one-line message; empty for a plain pass
 * @param detail the text of the failure, error or skip (a diff, for {@code run} and {@code conform})
 * @param transcript the kernel's filtered transcript, where the run kept it ({@code conform}'s
 *     {@code system-out}, or {@code conform --record}'s {@code ID.out}); empty otherwise
 * @param output what else the test printed ({@code run}'s test output); empty when {@code transcript} holds it
 */
public record KernelResult(
        String test,
        Verdict verdict,
        String source,
        String message,
        String detail,
        Optional<String> transcript,
        String output) {

    public KernelResult {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(transcript, "transcript");
    }
}

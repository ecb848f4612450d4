package dev.daxspec.emit;

import java.util.Objects;

/**
 * A place where a real kernel departs from the specified behaviour, recorded with its
 * evidence: an emitted test that prints exactly {@code transcript} reports a known
 * deviation instead of a failure.
 *
 * @param kernel the kernel release the evidence comes from, e.g. {@code 6.1.0-56-amd64}
 * @param why what the kernel does instead, in a sentence or two, naming the rule
 * @param transcript the kernel's transcript after the shared filter
 */
public record Deviation(String kernel, String why, String transcript) {

    public Deviation {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(transcript, "transcript");
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("a deviation needs a reason");
        }
    }
}

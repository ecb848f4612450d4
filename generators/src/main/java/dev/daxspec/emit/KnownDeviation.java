package dev.daxspec.emit;

import java.util.Objects;

/**
 * A place where a real kernel departs from the specified behaviour, recorded with its
 * evidence rather than absorbed into the model: one entry of a {@code known-deviations.json}
 * ({@link KnownDeviations}). A test case carries the deviations of its id, so that an emitted
 * test printing exactly {@code transcript} reports a known deviation instead of a failure, and
 * {@code daxspec conform} and {@code check} say KNOWN_DEVIATION there.
 *
 * @param caseName the conformance case that shows it, or the feature scenario (its test id)
 * @param kernel the kernel release the evidence comes from, e.g. {@code 6.1.0-56-amd64}
 * @param seed the seed thread whose rule it contradicts, e.g. {@code 000}
 * @param rule the DESIGN.md behaviour, e.g. {@code B6}
 * @param why what the kernel does instead, and why, in a sentence or two
 * @param transcript the kernel's filtered transcript; the deviation is recognised only
 *     when the kernel prints exactly this again
 */
public record KnownDeviation(String caseName, String kernel, String seed, String rule, String why, String transcript) {

    public KnownDeviation {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(transcript, "transcript");
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("a deviation needs a reason");
        }
    }

    /**
     * The deviation as an emitted test names it: {@code departs from B6 (THREAD): WHY}, the
     * thread cited as docs/threads.md cites it.
     */
    public String reason() {
        return "departs from " + rule + " (" + Threads.cite(seed) + "): " + why;
    }
}

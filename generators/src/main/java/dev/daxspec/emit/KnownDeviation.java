package dev.daxspec.emit;

/**
 * A place where a real kernel departs from the specified behaviour, recorded with its
 * evidence rather than absorbed into the model.
 *
 * @param caseName the conformance case that shows it, or the feature scenario (its test id)
 * @param kernel the kernel release the evidence comes from, e.g. {@code 6.1.0-56-amd64}
 * @param seed the seed thread whose rule it contradicts, e.g. {@code 000}
 * @param rule the DESIGN.md behaviour, e.g. {@code B6}
 * @param why what the kernel does instead, and why, in a sentence or two
 * @param transcript the kernel's filtered transcript; the deviation is recognised only
 *     when the kernel prints exactly this again
 */
public record KnownDeviation(String caseName, String kernel, String seed, String rule, String why,
                             String transcript) {

    /** As the emitters carry it: the test that prints this transcript reports a known deviation. */
    public Deviation deviation() {
        return new Deviation(kernel, "departs from " + rule + " (" + Threads.cite(seed) + "): " + why, transcript);
    }
}

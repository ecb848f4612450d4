package dev.daxspec.conform;

import dev.daxspec.diff.UnifiedDiff;
import dev.daxspec.emit.Verdict;

/**
 * The result of one case.
 *
 * @param expected the oracle's transcript
 * @param actual the kernel's transcript after the shared filter (empty when it did not run)
 * @param detail why a FAIL is one when it is not a transcript difference (a kernel oops, a
 *     timeout), or the known deviation's explanation; empty otherwise
 * @param seconds wall time the case took in the VM
 */
public record CaseOutcome(
        ConformanceCase testCase, Verdict verdict, String expected, String actual, String detail, double seconds) {

    /** The unified diff, oracle against kernel. */
    public String diff() {
        return UnifiedDiff.of("oracle/" + testCase.name(), expected, "kernel/" + testCase.name(), actual);
    }
}

package dev.daxspec.explore;

/**
 * What one program printed on a backend, or why it could not run to its end.
 *
 * @param transcript the filtered transcript; what the program printed before the trouble when there was one
 * @param trouble empty when the program ran; otherwise what went wrong with the machine
 *     (a timeout, a VM that died), which is not a verdict on the kernel's semantics
 */
public record KernelRun(String transcript, String trouble) {

    public static KernelRun of(String transcript) {
        return new KernelRun(transcript, "");
    }

    public boolean ran() {
        return trouble.isEmpty();
    }
}

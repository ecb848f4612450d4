package dev.daxspec.explore;

/**
 * What one program printed on a backend, or why it could not run to its end.
 *
 * @param transcript the filtered transcript; what the program printed before the trouble when there was one
 * @param trouble empty when the program ran; otherwise what went wrong with the machine
 *     (a timeout, a VM that died), which is not a verdict on the kernel's semantics
 * @param shared whether the program ran beside others on one filesystem
 *     ({@link dev.daxspec.emit.SharedFilesystem}): then only its
 *     {@link dev.daxspec.emit.SharedFilesystem#comparable} form can be compared with a run alone
 */
public record KernelRun(String transcript, String trouble, boolean shared) {

    /** A run that could not end, or did, on a filesystem of its own. */
    public KernelRun(String transcript, String trouble) {
        this(transcript, trouble, false);
    }

    /** A run to its end on a filesystem of its own. */
    public static KernelRun of(String transcript) {
        return new KernelRun(transcript, "");
    }

    /** A run to its end beside other programs on one filesystem. */
    public static KernelRun shared(String transcript) {
        return new KernelRun(transcript, "", true);
    }

    public boolean ran() {
        return trouble.isEmpty();
    }
}

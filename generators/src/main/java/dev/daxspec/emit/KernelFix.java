package dev.daxspec.emit;

import java.util.regex.Pattern;

/**
 * A kernel commit whose fix a test guards, as xfstests' {@code _fixed_by_kernel_commit}
 * takes it: the commit id abbreviated to 12 hex digits and its subject as upstream wrote it.
 *
 * @param commit the commit id in Linus' tree, 12 lowercase hex digits
 * @param subject the commit's subject line, {@code "ext4: ..."}
 * @param filesystem the filesystem whose code the commit fixes ({@code ext4}), or empty when
 *     it fixes code every filesystem runs (mm, iomap, DAX): a generic test names the commit
 *     only when {@code $FSTYP} is that filesystem
 */
public record KernelFix(String commit, String subject, String filesystem) {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{12}");

    /** Validates; the message names the bad value. */
    public KernelFix {
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException(
                    "kernel commit '" + commit + "' must be its id abbreviated to 12 lowercase hex digits");
        }
        if (subject == null || subject.isBlank() || subject.contains("\n")) {
            throw new IllegalArgumentException("kernel commit " + commit + " needs its subject, one line");
        }
        if (filesystem == null || !filesystem.matches("[a-z0-9]*")) {
            throw new IllegalArgumentException(
                    "kernel commit " + commit + ": filesystem '" + filesystem + "' must be a name or empty");
        }
    }

    /** {@code commit ("subject")}, as a Fixes: trailer cites a commit. */
    @Override
    public String toString() {
        return commit + " (\"" + subject + "\")";
    }
}

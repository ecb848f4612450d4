package dev.daxspec.oracle.fs;

/**
 * The errno values the model can return, with glibc's {@code strerror()} text, which is
 * what xfs_io's {@code perror()} prints after the colon. Errors are data in the oracle:
 * a syscall returns one of these, it never throws.
 */
public enum Errno {
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    EBADF(9, "Bad file descriptor"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EINVAL(22, "Invalid argument"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    ENOSYS(38, "Function not implemented"),
    EOPNOTSUPP(95, "Operation not supported");

    private final int number;
    private final String message;

    Errno(int number, String message) {
        this.number = number;
        this.message = message;
    }

    public int number() {
        return number;
    }

    /** {@code strerror(errno)} as glibc prints it. */
    public String message() {
        return message;
    }
}

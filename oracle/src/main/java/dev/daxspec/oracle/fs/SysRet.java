package dev.daxspec.oracle.fs;

import java.util.Optional;

/**
 * What a system call returns: a non-negative value, or an errno. The model never throws
 * for a kernel error; the caller prints it the way the program it models would.
 *
 * @param value the return value (bytes, offset, 0); meaningless when {@code errno} is set
 * @param errno the error, or empty
 */
public record SysRet(long value, Optional<Errno> errno) {

    public static final SysRet ZERO = new SysRet(0, Optional.empty());

    public static SysRet ok(long value) {
        return value == 0 ? ZERO : new SysRet(value, Optional.empty());
    }

    public static SysRet error(Errno errno) {
        return new SysRet(-errno.number(), Optional.of(errno));
    }

    public boolean failed() {
        return errno.isPresent();
    }

    @Override
    public String toString() {
        return errno.map(e -> "-" + e.name()).orElse(Long.toString(value));
    }
}

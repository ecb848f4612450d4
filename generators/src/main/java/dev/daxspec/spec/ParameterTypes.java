package dev.daxspec.spec;

import dev.daxspec.oracle.fs.Errno;
import dev.daxspec.oracle.geometry.ByteSize;
import dev.daxspec.oracle.target.DeviceKind;
import dev.daxspec.oracle.target.Filesystem;
import dev.daxspec.oracle.target.MountOptions;
import io.cucumber.java.ParameterType;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The parameter types of the step vocabulary, defined once. Each turns the matched text
 * into a value; a value out of range fails the step with a message naming it (reported
 * with the step's {@code file:line}). Where a step's wording is clear without the value
 * ({@code Given btrfs on pmem}, {@code filled with 0xZZ}), a type matches any such word and
 * refuses what it cannot take, so the author reads what is wrong with the value rather
 * than that no step matches.
 */
public final class ParameterTypes {

    ParameterTypes() {}

    /** {@code ext4}, {@code xfs}, or {@code ext2} (mounted by Debian's ext4 driver); any other word is refused. */
    @Grammar("ext4, xfs, or ext2 (mounted by the ext4 driver, as on Debian)")
    @ParameterType(name = "fs", value = "[A-Za-z][A-Za-z0-9_-]*")
    public Filesystem fs(String text) {
        return Filesystem.parse(text);
    }

    /** {@code pmem} (DAX-capable) or {@code brd} (page cache only since Linux 4.15); any other word is refused. */
    @Grammar("pmem (DAX-capable) or brd (page cache only since Linux 4.15)")
    @ParameterType(name = "device", value = "[A-Za-z][A-Za-z0-9_-]*")
    public DeviceKind device(String text) {
        return DeviceKind.parse(text);
    }

    /**
     * {@code dax=always}, {@code dax=never}, {@code dax=inode}, the legacy {@code dax}, or
     * {@code defaults}; any other word is refused.
     */
    @Grammar("dax=always, dax=never, dax=inode, dax (the legacy option) or defaults")
    @ParameterType(name = "options", value = "\\S+")
    public MountOptions options(String text) {
        return MountOptions.parse(text);
    }

    /** A byte count: {@code 4096}, {@code 0x1000}, {@code 4KiB}, {@code 1100 bytes}, {@code 2 pages}, {@code PMD_SIZE}. */
    @Grammar("a number, decimal or 0x hexadecimal, with a byte unit, " + ByteSize.UNITS + ", or one of the target, "
            + ByteExpr.GEOMETRY_UNITS + "; PAGE_SIZE, PMD_SIZE, BLOCK_SIZE; sums, differences and products of those"
            + " (2*PAGE_SIZE-1); 0 to 2^63-1 bytes, never negative")
    @ParameterType(name = "bytes", value = ByteExpr.REGEX)
    public ByteExpr bytes(String text) {
        return ByteExpr.parse(text);
    }

    /** A file offset: as {@code bytes}, also {@code EOF+1}, {@code PAGE_ALIGN(EOF)}, {@code one page past EOF}. */
    @Grammar("as {bytes}, and EOF (the size the steps gave the file), PAGE_ALIGN(EOF), one page past EOF: EOF+1,"
            + " PAGE_ALIGN(EOF)-1")
    @ParameterType(name = "offset", value = ByteExpr.OFFSET_REGEX)
    public ByteExpr offset(String text) {
        return ByteExpr.parse(text);
    }

    /** An inclusive range of offsets: {@code 1100..4095}, {@code EOF..PAGE_ALIGN(EOF)-1}. */
    @Grammar("FROM..TO, two {offset}s, TO included and not below FROM: 1100..4095, EOF..PAGE_ALIGN(EOF)-1")
    @ParameterType(name = "range", value = ByteRange.REGEX)
    public ByteRange range(String text) {
        return ByteRange.parse(text);
    }

    /** A byte value: {@code 0x61}; {@code 0x} and anything else, such as {@code 0xZZ} or {@code 0x100}, is refused. */
    @Grammar("one byte, 0x00 to 0xff")
    @ParameterType(name = "hex", value = "0x[0-9A-Za-z]*")
    public Integer byteValue(String text) {
        return BytePattern.byteValue(text);
    }

    /** What bytes hold: {@code zeros}, {@code 0x61}, {@code 0x62 or zeros}. */
    @Grammar("zeros or a {hex}, or several joined by ' or ' for bytes that may read either way: 0x62 or zeros")
    @ParameterType(name = "pattern", value = BytePattern.REGEX)
    public BytePattern pattern(String text) {
        return BytePattern.parse(text);
    }

    /** A count: {@code no} or a number. */
    @Grammar("no, or a number 0 to 2147483647")
    @ParameterType(name = "count", value = "no|[0-9]+")
    public Integer count(String text) {
        return text.equals("no") ? 0 : Integer.parseInt(text);
    }

    /** An errno name: {@code ENOSPC}, {@code EOPNOTSUPP}. */
    @Grammar("an errno name the oracle returns: ENOENT, EIO, ENXIO, EBADF, ENOMEM, EACCES, EINVAL, EFBIG, ENOSPC,"
            + " ENOSYS, EOPNOTSUPP")
    @ParameterType(name = "errno", value = "E[A-Z0-9]+")
    public Errno errno(String text) {
        try {
            return Errno.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an errno the oracle knows ("
                    + Arrays.stream(Errno.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
    }

    /** The signal that kills the process, as the exit status a shell reports: SIGBUS 135, SIGSEGV 139. */
    @Grammar("SIGBUS or SIGSEGV")
    @ParameterType(name = "signal", value = "SIGBUS|SIGSEGV")
    public Integer signal(String text) {
        return text.equals("SIGBUS") ? 135 : 139;
    }

    /** An extent state as fiemap shows it: {@code a hole}, {@code unwritten}, {@code data}. */
    @Grammar("a hole, unwritten or data, as fiemap shows the extent")
    @ParameterType(name = "extent", value = "a hole|unwritten|data")
    public String extent(String text) {
        return text.equals("a hole") ? "hole" : text;
    }
}

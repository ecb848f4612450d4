package dev.daxspec.emit;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the xfstests format numbers its tests; the shell format takes no options.
 *
 * @param start the first number to give in each test directory ({@code tests/generic},
 *     {@code tests/ext4}, {@code tests/xfs})
 * @param xfstestsDir an xfstests checkout: its numbers in use are skipped (the next free
 *     ones are given, as its {@code tools/nextid} does) and the test groups are checked
 *     against its {@code doc/group-names.txt}
 */
public record SuiteOptions(OptionalInt start, Optional<Path> xfstestsDir) {

    /** No options: enough for the shell format. */
    public static final SuiteOptions NONE = new SuiteOptions(OptionalInt.empty(), Optional.empty());

    public SuiteOptions {
        if (start.isPresent() && (start.getAsInt() < 1 || start.getAsInt() > 9999)) {
            throw new IllegalArgumentException("--start " + start.getAsInt() + " is not a test number (1 to 9999)");
        }
    }
}

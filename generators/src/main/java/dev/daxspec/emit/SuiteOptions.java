package dev.daxspec.emit;

import java.io.IOException;
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

    /**
     * Checks that these options can number a suite of {@code format}, quickly (it reads only
     * the checkout's group list), so that bad options are reported before any slow work.
     *
     * @throws IOException when the checkout cannot be read or is not an xfstests checkout
     * @throws IllegalArgumentException when the xfstests format has neither a start nor a
     *     checkout, the checkout lacks a group the tests use, or the shell format is given either
     */
    public void checkFor(Format format) throws IOException {
        if (format == Format.XFSTESTS) {
            XfstestsSuite.checkout(this);
        } else if (start.isPresent() || xfstestsDir.isPresent()) {
            throw new IllegalArgumentException(
                    "--start and --xfstests-dir number xfstests tests; the shell format" + " has no numbers");
        }
    }
}

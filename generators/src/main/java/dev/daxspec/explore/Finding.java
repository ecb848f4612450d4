package dev.daxspec.explore;

import dev.daxspec.oracle.program.Program;
import java.util.Locale;
import java.util.Optional;

/**
 * One difference between the oracle and a backend, confirmed, shrunk and deduplicated.
 *
 * @param number its number in the run, from 1; its directory is {@code findings/NNN}
 * @param signature the first differing command and the kind of difference, of the program first found
 * @param known the known deviation it is, if it is one
 * @param original the program first found to differ
 * @param index that program's number in the exploration
 * @param seed that program's seed
 * @param shrunk the minimal program that still differs the same way
 * @param expected the oracle's transcript of {@code shrunk} closest to the kernel's
 * @param actual the kernel's transcript of {@code shrunk}
 * @param programs how many programs of the run showed this signature
 */
record Finding(
        int number,
        String signature,
        Optional<KnownVariant> known,
        Program original,
        long index,
        long seed,
        Program shrunk,
        String expected,
        String actual,
        int programs) {

    Finding withOneMore() {
        return new Finding(number, signature, known, original, index, seed, shrunk, expected, actual, programs + 1);
    }

    String status() {
        return known.isPresent() ? "KNOWN" : "NEW";
    }

    String directory() {
        return String.format(Locale.ROOT, "%03d", number);
    }
}

package dev.daxspec.series;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A series read from a git range or a patch mail: its commits oldest first,
 * and what was noticed while reading it.
 *
 * @param source what was read, for instance {@code range v1..v2 in /src/linux}
 *     or {@code mbox fixtures/series/seed004-xip.mbox}
 * @param coverLetter the subject of the cover letter ({@code [PATCH 0/n]}) if
 *     the mail had one
 * @param commits the commits or patches, oldest first
 * @param diagnostics what was noticed, in {@link Diagnostic#ORDER}
 * @param base the full id of the commit the series applies to, when it was
 *     read from a repository: a range's BASE, or the revision patch mail was
 *     applied to; empty for mail read without one
 */
public record Series(
        String source,
        Optional<String> coverLetter,
        List<SeriesCommit> commits,
        List<Diagnostic> diagnostics,
        Optional<String> base) {

    /** Validates the record. */
    public Series {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(coverLetter, "coverLetter");
        commits = List.copyOf(commits);
        diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
        Objects.requireNonNull(base, "base");
    }
}

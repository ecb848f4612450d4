package dev.daxspec.series;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a series: a commit of a range, or one patch mail.
 *
 * @param index position in the series, 1 for the oldest
 * @param origin whether it is a commit or a mail
 * @param id the full commit id; for a mail its Message-ID without angle
 *     brackets, or {@code FILE#N} (the N-th message of FILE) when it has none
 * @param shortId the first 12 characters of a commit id; for a mail the same
 *     as {@code id}
 * @param subject the subject, without the {@code [PATCH ...]} prefix
 * @param author {@code Name <email>}
 * @param date the author date: ISO-8601 with offset for commits and for mail
 *     dates that parse, otherwise the Date header as written
 * @param patchTag the mail's {@code [PATCH ...]} prefix, if any
 * @param trailers the trailers in order (Signed-off-by, Acked-by, Fixes, Cc...)
 * @param fixes the Fixes: trailers, parsed
 * @param files the changed files in diff order
 */
public record SeriesCommit(
        int index,
        Origin origin,
        String id,
        String shortId,
        String subject,
        String author,
        String date,
        Optional<PatchTag> patchTag,
        List<Trailer> trailers,
        List<FixesRef> fixes,
        List<ChangedFile> files) {

    /** Where a series step comes from. */
    public enum Origin {
        /** A commit read from a git repository. */
        COMMIT,
        /** A patch mail. */
        MAIL
    }

    /** Validates the record. */
    public SeriesCommit {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(shortId, "shortId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(patchTag, "patchTag");
        trailers = List.copyOf(trailers);
        fixes = List.copyOf(fixes);
        files = List.copyOf(files);
    }

    /**
     * @param key a trailer key such as {@code Signed-off-by}
     * @return the values of the trailers with that key, in order
     */
    public List<String> trailer(String key) {
        return trailers.stream().filter(t -> t.is(key)).map(Trailer::value).toList();
    }
}

package dev.daxspec.series;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code Fixes:} trailer: {@code Fixes: 4a9e5ef1f4f1 ("mm: write iovec cleanup")}.
 *
 * @param id the (usually abbreviated) commit id as written
 * @param subject the fixed commit's subject as written, without quotes and
 *     parentheses; empty when the trailer gives none
 * @param resolved the full id of the fixed commit when a repository was
 *     read and the id resolves there to exactly one commit
 */
public record FixesRef(String id, String subject, Optional<String> resolved) {

    /** Validates the record. */
    public FixesRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(resolved, "resolved");
    }
}

package dev.daxspec.series;

import java.util.Objects;

/**
 * A trailer line of a commit message or patch mail, such as
 * {@code Signed-off-by: Nick Piggin <npiggin@suse.de>}.
 *
 * @param key the key as written (for instance {@code Signed-off-by})
 * @param value the value, trimmed
 */
public record Trailer(String key, String value) {

    /** Validates the record. */
    public Trailer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param k a key
     * @return whether this trailer has that key, ignoring case
     */
    public boolean is(String k) {
        return key.equalsIgnoreCase(k);
    }
}

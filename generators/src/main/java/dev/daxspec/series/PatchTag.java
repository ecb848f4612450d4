package dev.daxspec.series;

import java.util.List;
import java.util.Objects;

/**
 * The bracketed prefix of a patch mail's subject:
 * {@code [PATCH v3 2/3]}, {@code [RFC PATCH 0/7]}, {@code [patch]}.
 *
 * @param version the series version ({@code v3}), 1 when not given
 * @param number the patch's number in the series, 0 for a cover letter or
 *     when not given
 * @param total the number of patches in the series, 0 when not given
 * @param rfc whether the prefix says RFC
 * @param resend whether the prefix says RESEND
 * @param other the prefix's other words in order (tree names such as
 *     {@code net-next}), without PATCH
 */
public record PatchTag(int version, int number, int total, boolean rfc, boolean resend, List<String> other) {

    /** Validates the record. */
    public PatchTag {
        if (version < 1 || number < 0 || total < 0) {
            throw new IllegalArgumentException("bad patch tag " + version + " " + number + "/" + total);
        }
        other = List.copyOf(Objects.requireNonNull(other, "other"));
    }

    /** @return whether the tag numbers the patch: {@code n/m} was given */
    public boolean isNumbered() {
        return total > 0;
    }

    /** @return the tag in its usual spelling, for instance {@code PATCH v3 2/3} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (rfc) {
            b.append("RFC ");
        }
        b.append("PATCH");
        for (String o : other) {
            b.append(' ').append(o);
        }
        if (resend) {
            b.append(" RESEND");
        }
        if (version > 1) {
            b.append(" v").append(version);
        }
        if (total > 0) {
            b.append(' ').append(number).append('/').append(total);
        }
        return b.toString();
    }
}

package dev.daxspec.series.impact;

import java.util.List;
import java.util.Objects;

/**
 * One rule of a touches rules file: changes to {@code from} count as changes
 * to each of {@code to}.
 *
 * @param source the rules file's name, for messages
 * @param line the rule's line in that file
 * @param from what a change must touch
 * @param to the code it counts as touching; an element is a
 *     {@link TouchTarget} in tag form or a scenario tag such as {@code @brd}
 * @param comment the comment block above the rule, which cites its source
 */
public record TouchRule(String source, int line, TouchTarget from, List<String> to, String comment) {

    /** Validates and copies. */
    public TouchRule {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(comment, "comment");
        to = List.copyOf(to);
    }

    /** @return {@code file:line} */
    public String where() {
        return source + ":" + line;
    }

    /** @return the rule as written, {@code from -> to...} */
    @Override
    public String toString() {
        return from + " -> " + String.join(" ", to);
    }
}

package dev.daxspec.series.impact;

import java.util.Comparator;
import java.util.Objects;

/**
 * Why a scenario was selected for a commit.
 *
 * @param kind how the commit's change and the scenario's tag meet
 * @param touched what the change touches: {@code path:function} or {@code path}
 * @param target the scenario's {@code @touches:} target that matched, or for
 *     a rule the rule's TO that matched (a target or a {@code @tag})
 * @param rule for {@link Kind#RULE}, where the rule is: {@code file:line};
 *     empty otherwise
 */
public record MatchReason(Kind kind, String touched, String target, String rule) {

    /** How a change and a scenario meet. */
    public enum Kind {
        /** The change touches the function the scenario names. */
        FUNCTION,
        /**
         * The change touches code outside any function (or not C, or functions
         * unknown) in the file whose function the scenario names.
         */
        OUTSIDE_FUNCTIONS,
        /** The scenario names the whole file. */
        FILE,
        /** The scenario names a directory the file is under. */
        UNDER,
        /** A touches rule maps the touched code to code the scenario names. */
        RULE
    }

    /** Orders by kind, then touched, target and rule. */
    public static final Comparator<MatchReason> ORDER = Comparator.comparing(MatchReason::kind)
            .thenComparing(MatchReason::touched).thenComparing(MatchReason::target)
            .thenComparing(MatchReason::rule);

    /** Validates. */
    public MatchReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(touched, "touched");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(rule, "rule");
    }

    /** @return one line for a reviewer, e.g. {@code function fs/dax.c:dax_iomap_pmd_fault} */
    public String text() {
        return switch (kind) {
            case FUNCTION -> "function " + touched;
            case OUTSIDE_FUNCTIONS -> touched + " changed outside functions; may affect " + target;
            case FILE -> "file " + target;
            case UNDER -> "under " + target + " (" + touched + ")";
            case RULE -> "rule " + rule + ": " + touched + " counts for " + target;
        };
    }
}

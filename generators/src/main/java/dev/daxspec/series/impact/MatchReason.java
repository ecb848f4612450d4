package dev.daxspec.series.impact;

import java.util.Comparator;
import java.util.List;
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
 * @param chain for {@link Kind#CALLED_BY} and {@link Kind#CALLS}, the
 *     functions from the touched one to the target, both included, each
 *     {@code path:function}: {@code [touched, caller, caller's caller]} for
 *     {@code CALLED_BY}, {@code [touched, callee, callee's callee]} for
 *     {@code CALLS}; empty otherwise
 */
public record MatchReason(Kind kind, String touched, String target, String rule, List<String> chain) {

    /** How a change and a scenario meet, strongest first. */
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
        RULE,
        /** The scenario's function calls the touched one, directly or through others. */
        CALLED_BY,
        /** The touched function calls the scenario's, directly or through others. */
        CALLS,
        /**
         * Fallback: no tag, rule or call path joins them, but the touched
         * function is in the file of a function the scenario names.
         */
        SAME_FILE
    }

    /** Orders by kind, then touched, target, rule and chain. */
    public static final Comparator<MatchReason> ORDER = Comparator.comparing(MatchReason::kind)
            .thenComparing(MatchReason::touched)
            .thenComparing(MatchReason::target)
            .thenComparing(MatchReason::rule)
            .thenComparing(r -> String.join(" ", r.chain()));

    /** Validates and copies. */
    public MatchReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(touched, "touched");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(rule, "rule");
        chain = List.copyOf(chain);
        boolean calls = kind == Kind.CALLED_BY || kind == Kind.CALLS;
        if (calls != chain.size() >= 2) {
            throw new IllegalArgumentException(kind + " with a chain of " + chain.size());
        }
    }

    /**
     * A reason without a call chain.
     *
     * @param kind any kind but {@link Kind#CALLED_BY} and {@link Kind#CALLS}
     * @param touched what the change touches
     * @param target the target or TO that matched
     * @param rule where the rule is, or empty
     */
    public MatchReason(Kind kind, String touched, String target, String rule) {
        this(kind, touched, target, rule, List.of());
    }

    /**
     * @return how far the change is from the scenario's code: 0 when the
     *     change touches the code a tag or a rule names (or its file or
     *     directory), the number of calls between them for
     *     {@link Kind#CALLED_BY} and {@link Kind#CALLS}, and
     *     {@link Integer#MAX_VALUE} for the {@link Kind#SAME_FILE} fallback
     */
    public int rank() {
        return switch (kind) {
            case CALLED_BY, CALLS -> chain.size() - 1;
            case SAME_FILE -> Integer.MAX_VALUE;
            default -> 0;
        };
    }

    /**
     * @return one line for a reviewer, e.g. {@code function fs/dax.c:dax_iomap_pmd_fault} or
     *     {@code dax_fault_iter() is called by dax_iomap_pmd_fault()}; a function of a file
     *     other than the touched one's is written with its path
     */
    public String text() {
        return switch (kind) {
            case FUNCTION -> "function " + touched;
            case OUTSIDE_FUNCTIONS -> touched + " changed outside functions; may affect " + target;
            case FILE -> "file " + target;
            case UNDER -> "under " + target + " (" + touched + ")";
            case RULE -> "rule " + rule + ": " + touched + " counts for " + target;
            case CALLED_BY -> chainText(" is called by ", ", which is called by ");
            case CALLS -> chainText(" calls ", ", which calls ");
            case SAME_FILE -> "fallback: " + touched + " is in the file of " + target;
        };
    }

    private String chainText(String first, String then) {
        String home = chain.get(0).substring(0, chain.get(0).lastIndexOf(':') + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < chain.size(); i++) {
            String f = chain.get(i);
            b.append(i == 0 ? "" : i == 1 ? first : then)
                    .append(f.startsWith(home) && f.indexOf(':', home.length()) < 0 ? f.substring(home.length()) : f)
                    .append("()");
        }
        return b.toString();
    }
}

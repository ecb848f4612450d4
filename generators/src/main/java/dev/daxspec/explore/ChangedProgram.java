package dev.daxspec.explore;

import dev.daxspec.oracle.program.Program;
import java.util.List;

/**
 * One program whose transcript on the head kernel differs from the base kernel's, run again
 * on both to confirm it, shrunk with both kernels in the loop and deduplicated by
 * {@link Difference#signature() signature}. Whether it is a regression or a fix is the
 * oracle's word beside it: base and head are compared with each other, not with the oracle.
 *
 * @param number its number in the run, from 1; its directory is {@code changes/NNN}
 * @param signature the first command whose output differs between base and head, and how
 * @param original the program first found to differ
 * @param index that program's number in the exploration
 * @param seed that program's seed
 * @param shrunk the minimal program that still differs the same way
 * @param base what the base kernel printed for {@code shrunk}
 * @param head what the head kernel printed for {@code shrunk}
 * @param oracle the transcripts the oracle allows for {@code shrunk}; empty when it cannot predict it
 * @param programs how many programs of the run showed this signature
 */
record ChangedProgram(
        int number,
        String signature,
        Program original,
        long index,
        long seed,
        Program shrunk,
        String base,
        String head,
        List<String> oracle,
        int programs) {

    /** What the oracle makes of the change. */
    enum Kind {
        /** Base prints what the oracle allows; head does not. */
        REGRESSION,
        /** Head prints what the oracle allows; base does not. */
        FIX,
        /** Neither prints what the oracle allows, or the oracle cannot predict the program. */
        CHANGE
    }

    ChangedProgram {
        oracle = List.copyOf(oracle);
    }

    ChangedProgram withOneMore() {
        return new ChangedProgram(number, signature, original, index, seed, shrunk, base, head, oracle, programs + 1);
    }

    boolean baseAgrees() {
        return oracle.contains(base);
    }

    boolean headAgrees() {
        return oracle.contains(head);
    }

    Kind kind() {
        if (baseAgrees() && !headAgrees()) {
            return Kind.REGRESSION;
        }
        if (headAgrees() && !baseAgrees()) {
            return Kind.FIX;
        }
        return Kind.CHANGE;
    }

    /** {@code agrees with the oracle}, {@code differs from the oracle} or {@code not predicted by the oracle}. */
    String verdict(boolean agrees) {
        return oracle.isEmpty()
                ? "not predicted by the oracle"
                : agrees ? "agrees with the oracle" : "differs from the oracle";
    }

    String directory() {
        return String.format("%03d", number);
    }
}

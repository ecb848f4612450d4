package dev.daxspec.emit;

import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;

/**
 * One method per kind of {@link Step}: every renderer of steps (the bash of
 * {@link ProgramScript}, the xfstests test) implements it, so a new kind of step is a
 * compile error in each renderer until it says what to do with it.
 *
 * @param <R> what rendering a step gives
 */
interface StepVisitor<R> {

    R xfsIo(XfsIoStep step);

    R fill(FillStep step);

    R remount(RemountStep step);

    R crash(CrashStep step);

    /**
     * Calls the method for {@code step}'s kind. {@link Step} is sealed, but Java 17 has no
     * exhaustive switch over it: a kind that this dispatch does not know yet is refused with
     * {@link UnsupportedStepException} rather than skipped.
     */
    static <R> R visit(Step step, StepVisitor<R> visitor) {
        if (step instanceof XfsIoStep x) {
            return visitor.xfsIo(x);
        }
        if (step instanceof FillStep f) {
            return visitor.fill(f);
        }
        if (step instanceof RemountStep r) {
            return visitor.remount(r);
        }
        if (step instanceof CrashStep c) {
            return visitor.crash(c);
        }
        throw new UnsupportedStepException(step, "no emitter knows this kind of step");
    }
}

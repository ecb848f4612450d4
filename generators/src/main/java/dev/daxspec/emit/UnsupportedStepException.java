package dev.daxspec.emit;

import dev.daxspec.oracle.program.Step;

/** A kind of {@link Step} the emitters cannot render yet; the message names it and its command. */
public final class UnsupportedStepException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnsupportedStepException(Step step) {
        super("the emitters cannot render a " + step.getClass().getSimpleName() + " step yet: " + step);
    }
}

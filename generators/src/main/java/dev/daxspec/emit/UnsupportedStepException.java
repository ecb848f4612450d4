package dev.daxspec.emit;

import dev.daxspec.oracle.program.Step;

/** A step a format cannot render; the message names the step's command and the reason. */
public final class UnsupportedStepException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnsupportedStepException(Step step, String why) {
        super("'" + step + "': " + why);
    }
}

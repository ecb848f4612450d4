package dev.daxspec.spec;

/**
 * A mistake in a feature, found while compiling or predicting a scenario: a number out of
 * range, a step that needs something an earlier step did not set up, a target the oracle
 * cannot mount, a program the oracle cannot predict. The message starts with the
 * {@code file:line} of the step at fault.
 */
public final class AuthoringError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StepRef step;

    public AuthoringError(StepRef step, String message) {
        super(step.location() + ": " + message + " (in '" + step.text() + "')");
        this.step = step;
    }

    public AuthoringError(StepRef step, String message, Throwable cause) {
        this(step, message);
        initCause(cause);
    }

    /** The step at fault. */
    public StepRef step() {
        return step;
    }
}

package dev.daxspec.oracle.program;

import dev.daxspec.oracle.target.Target;
import java.util.List;

/**
 * What a test does: make a filesystem on the target, mount it, and run steps. The unit
 * that the oracle predicts, the emitters render and the harness runs. Immutable.
 */
public record Program(Target target, List<Step> steps) {

    public Program {
        steps = List.copyOf(steps);
    }
}

package dev.daxspec.spec;

import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.xfsio.Invocation;
import java.util.Set;

/**
 * One thing a scenario does, in step order, before it is laid out as processes: the
 * builder records actions, and {@link ProcessPlanner} alone decides which xfs_io run each
 * command goes in.
 */
sealed interface Action {

    /** The step that asked for it. */
    StepRef step();

    /** How a command constrains the process it runs in. */
    enum Need {
        /** The run opens the file with {@code -f} (O_CREAT): set-up steps that make files. */
        CREATES,
        /** The command goes through the file's declared mapping: its process must map it first. */
        MAPPING,
        /** An expectation reads the command's output: a later kill in the same process would lose it. */
        OBSERVED,
        /** The command runs in a process of its own, so its perror() line is certainly its own. */
        ALONE,
        /** Its process ends after it: it is expected to kill the process, or to be the last thing it does. */
        LAST
    }

    /** An xfs_io command on a file. */
    record Command(StepRef step, String file, Op op, Set<Need> needs) implements Action {
        public Command {
            needs = Set.copyOf(needs);
        }

        boolean needs(Need n) {
            return needs.contains(n);
        }
    }

    /** The scenario declares how the file is mapped from now on. */
    record Map(StepRef step, String file, MappingSpec spec) implements Action {}

    /** The scenario drops the file's mapping. */
    record Unmap(StepRef step, String file) implements Action {}

    /** A crash: sysrq b, then mount again. */
    record Crash(StepRef step) implements Action {}

    /** A clean unmount and mount. */
    record Remount(StepRef step) implements Action {}

    /** Fill the filesystem leaving {@code freeBlocks} blocks. */
    record Fill(StepRef step, long freeBlocks) implements Action {}

    /** An expectation reads the fault trace of the latest process: trace it, and start a new one after it. */
    record ObserveFaults(StepRef step) implements Action {}

    /** The escape hatch: one xfs_io run exactly as written. */
    record Raw(StepRef step, Invocation invocation) implements Action {}
}

package dev.daxspec.conform;

import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.Target;

/**
 * Writes a program as a {@code .case} file that {@link CaseFileParser} reads back to the
 * same program: how explored findings become conformance cases. Stateless.
 */
public final class CaseWriter {

    private CaseWriter() {}

    /**
     * {@code case NAME}, {@code about: ABOUT}, one {@code target:} line and the steps.
     *
     * @throws IllegalArgumentException when the target's page size is not 4096, which cases cannot state
     */
    public static String write(String name, String about, Program program) {
        StringBuilder sb = new StringBuilder();
        sb.append("case ").append(name).append('\n');
        sb.append("about: ").append(about.replace('\n', ' ')).append('\n');
        sb.append("target: ").append(target(program.target())).append('\n');
        for (Step s : program.steps()) {
            sb.append(step(s)).append('\n');
        }
        return sb.toString();
    }

    /** {@code ext4 pmem dax=always block=4096 size=512MiB}. */
    static String target(Target t) {
        if (t.pageSize() != 4096) {
            throw new IllegalArgumentException("a case runs on x86-64 (page size 4096), not page size " + t.pageSize());
        }
        String opts = t.mount().spelled().isEmpty() ? "defaults" : t.mount().spelled();
        return t.fs() + " " + t.device().kind() + " " + opts + " block=" + t.blockSize() + " size="
                + (t.device().size() >> 20) + "MiB";
    }

    static String step(Step s) {
        if (s instanceof XfsIoStep x) {
            return (x.traced() ? "trace " : "") + x.invocation().toString().replace(" $SCRATCH_MNT/", " ");
        }
        if (s instanceof FillStep f) {
            return "fill " + f.freeBlocks();
        }
        if (s instanceof RemountStep) {
            return "remount";
        }
        if (s instanceof CrashStep) {
            return "crash";
        }
        throw new IllegalArgumentException("no case line for " + s);
    }
}

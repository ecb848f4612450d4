package dev.daxspec.spec;

import dev.daxspec.oracle.ops.Munmap;
import dev.daxspec.oracle.ops.Op;
import dev.daxspec.oracle.program.CrashStep;
import dev.daxspec.oracle.program.FillStep;
import dev.daxspec.oracle.program.Program;
import dev.daxspec.oracle.program.RemountStep;
import dev.daxspec.oracle.program.Step;
import dev.daxspec.oracle.program.XfsIoStep;
import dev.daxspec.oracle.target.Target;
import dev.daxspec.oracle.xfsio.Invocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays a scenario's actions out as processes: the one place that decides which xfs_io run
 * each command goes in. A mapping lives only as long as its process, so:
 * <ul>
 * <li>consecutive commands on one file share a run, in order;</li>
 * <li>a command through the mapping maps the file first in a run that has not (again
 *     after a kill, a crash or a remount), and a new declaration of the mapping unmaps
 *     the old one;</li>
 * <li>a command expected to kill its process (or to be its last) ends the run, and starts
 *     a new one when the run holds output an expectation reads, since a signal loses
 *     xfs_io's buffered stdout;</li>
 * <li>a command whose perror() line an expectation reads runs alone;</li>
 * <li>a claim about faults traces the latest run and ends it, so later accesses do not
 *     add to its counts;</li>
 * <li>crash, remount and fill end the run; the escape hatch's run is its own;</li>
 * <li>commands through a private mapping run in daxspec-probe (xfs_io maps only
 *     MAP_SHARED), in a run of their own; a punch or truncate of the file that follows
 *     them joins that run, so that it acts under the private mapping.</li>
 * </ul>
 * A run opens the file with {@code -f} only when a set-up step creates the file in it, so
 * a file a crash lost shows as missing rather than being made again.
 */
final class ProcessPlanner {

    /** The laid-out program, where each action went, and which step asked for each command. */
    record Plan(Program program, Map<Integer, OpRef> placed, List<List<StepRef>> sources) {}

    /** An xfs_io (or daxspec-probe) run being filled. */
    private static final class Run {
        final String file;
        final boolean probe;
        final List<Op> ops = new ArrayList<>();
        final List<StepRef> sources = new ArrayList<>();
        boolean create;
        boolean traced;
        boolean observed;
        MappingSpec mapped;

        Run(String file, boolean probe) {
            this.file = file;
            this.probe = probe;
        }
    }

    private final List<Object> steps = new ArrayList<>();
    private final List<List<StepRef>> fixedSources = new ArrayList<>();
    private final Map<Integer, OpRef> placed = new HashMap<>();
    private final Map<String, MappingSpec> mappings = new HashMap<>();
    private Run open;
    private Run last;
    /** The index in {@code steps} of a raw run ended after {@code last}, or -1. */
    private int lastRaw = -1;

    private ProcessPlanner() {}

    static Plan plan(Target target, List<Action> actions) {
        ProcessPlanner p = new ProcessPlanner();
        for (int i = 0; i < actions.size(); i++) {
            p.place(i, actions.get(i));
        }
        p.close();
        return p.build(target);
    }

    private void place(int index, Action action) {
        if (action instanceof Action.Command c) {
            placeCommand(index, c);
        } else if (action instanceof Action.Map m) {
            mappings.put(m.file(), m.spec());
            if (open != null && open.file.equals(m.file()) && open.mapped != null && !open.mapped.equals(m.spec())) {
                add(new Munmap(), m.step());
                open.mapped = null;
            }
        } else if (action instanceof Action.Unmap u) {
            mappings.remove(u.file());
            if (open != null && open.file.equals(u.file()) && open.mapped != null) {
                add(new Munmap(), u.step());
                open.mapped = null;
            }
        } else if (action instanceof Action.Crash c) {
            fixed(index, new CrashStep(), c.step(), true);
        } else if (action instanceof Action.Remount r) {
            fixed(index, new RemountStep(), r.step(), true);
        } else if (action instanceof Action.Fill f) {
            fixed(index, new FillStep(f.freeBlocks()), f.step(), false);
        } else if (action instanceof Action.ObserveFaults o) {
            if (open == null && lastRaw >= 0) {
                // The claim is about the raw run just before it: trace that run.
                steps.set(lastRaw, new XfsIoStep(((XfsIoStep) steps.get(lastRaw)).invocation(), true));
                placed.put(index, new OpRef(lastRaw, -1));
                return;
            }
            Run r = open != null ? open : last;
            if (r == null) {
                throw new AuthoringError(o.step(), "no xfs_io run before it to count faults in");
            }
            r.traced = true;
            placed.put(index, new OpRef(steps.indexOf(r), -1));
            close();
        } else if (action instanceof Action.Raw r) {
            close();
            lastRaw = steps.size();
            placed.put(index, new OpRef(steps.size(), 0));
            steps.add(new XfsIoStep(r.invocation()));
            fixedSources.add(List.of(r.step()));
        }
    }

    private void placeCommand(int index, Action.Command c) {
        if (c.needs(Action.Need.ALONE)) {
            close();
        }
        if (c.needs(Action.Need.LAST) && open != null && open.observed) {
            close();
        }
        MappingSpec through = c.needs(Action.Need.MAPPING) ? mappings.get(c.file()) : null;
        boolean probe = through != null && through.kind() == MappingSpec.Kind.PRIVATE
                || through == null
                        && open != null
                        && open.probe
                        && open.file.equals(c.file())
                        && Invocation.probeRuns(c.op());
        if (open == null || !open.file.equals(c.file()) || open.probe != probe) {
            close();
            open = new Run(c.file(), probe);
            steps.add(open);
            fixedSources.add(null);
        }
        if (c.needs(Action.Need.MAPPING)) {
            MappingSpec spec = through;
            if (spec == null) {
                throw new AuthoringError(
                        c.step(),
                        "the file is not mapped here: say how it is mapped first"
                                + " ('When the file is mapped shared for 2 pages'), again after a crash or remount");
            }
            if (open.mapped == null) {
                add(spec.mmap(), c.step());
                open.mapped = spec;
            }
        }
        open.create |= c.needs(Action.Need.CREATES);
        open.observed |= c.needs(Action.Need.OBSERVED);
        placed.put(index, new OpRef(steps.indexOf(open), open.ops.size()));
        add(c.op(), c.step());
        if (c.needs(Action.Need.LAST) || c.needs(Action.Need.ALONE)) {
            close();
        }
    }

    private void add(Op op, StepRef source) {
        open.ops.add(op);
        open.sources.add(source);
    }

    private void fixed(int index, Step step, StepRef source, boolean reboots) {
        close();
        placed.put(index, new OpRef(steps.size(), 0));
        steps.add(step);
        fixedSources.add(List.of(source));
        if (reboots) {
            // A reboot or unmount ends every process and mapping; the scenario maps again if it wants to.
            mappings.clear();
        }
    }

    private void close() {
        if (open != null) {
            last = open;
            lastRaw = -1;
            open = null;
        }
    }

    private Plan build(Target target) {
        List<Step> out = new ArrayList<>();
        List<List<StepRef>> sources = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Object s = steps.get(i);
            if (s instanceof Run r) {
                out.add(new XfsIoStep(new Invocation(r.probe, r.create, false, r.file, r.ops), r.traced));
                sources.add(List.copyOf(r.sources));
            } else {
                out.add((Step) s);
                sources.add(fixedSources.get(i));
            }
        }
        return new Plan(new Program(target, out), Map.copyOf(placed), List.copyOf(sources));
    }
}

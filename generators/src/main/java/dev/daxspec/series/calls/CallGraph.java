package dev.daxspec.series.calls;

import dev.daxspec.series.clang.CFunction;
import dev.daxspec.series.clang.CFunctionLocator;
import dev.daxspec.series.clang.CSourceMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which function calls which, among the functions defined in some C files of
 * one tree. Built from the names each body calls ({@link CSourceMap#calls}),
 * resolved as the linker and the preprocessor would for the usual kernel
 * code: a call goes to the function of that name in the caller's own file if
 * it defines one; otherwise to every function of that name that is not
 * {@code static}, or that is defined in a header ({@code .h}: static inline
 * helpers). Calls to functions outside the files given, through function
 * pointers ({@code ops->iomap_begin(...)}), or made inside a macro's
 * expansion are not edges. A function calling itself is not an edge.
 *
 * <p>Immutable and thread-safe.
 */
public final class CallGraph {

    /**
     * How many calls apart a touched function and a scenario's function may
     * be for {@code daxspec series} to select the scenario, unless told
     * otherwise ({@code --call-depth}): 3 reaches from a filesystem's fault
     * handler through the DAX fault entry point to its helpers
     * ({@code ext4_dax_huge_fault -> dax_iomap_fault -> dax_iomap_pmd_fault
     * -> dax_fault_iter}).
     */
    public static final int DEFAULT_MAX_CALLS = 3;

    /** Which way to follow calls. */
    public enum Direction {
        /** To the functions that call the start, then to theirs. */
        CALLERS,
        /** To the functions the start calls, then to theirs. */
        CALLEES
    }

    private final String origin;
    private final String absent;
    private final int files;
    private final int calls;
    private final Map<FunctionRef, SortedSet<FunctionRef>> callees;
    private final Map<FunctionRef, SortedSet<FunctionRef>> callers;
    private final List<String> problems;

    private CallGraph(
            String origin,
            String absent,
            int files,
            Map<FunctionRef, SortedSet<FunctionRef>> callees,
            List<String> problems) {
        this.origin = origin;
        this.absent = absent;
        this.files = files;
        this.callees = callees;
        this.problems = List.copyOf(problems);
        Map<FunctionRef, SortedSet<FunctionRef>> up = new HashMap<>();
        int n = 0;
        for (Map.Entry<FunctionRef, SortedSet<FunctionRef>> e : callees.entrySet()) {
            for (FunctionRef callee : e.getValue()) {
                up.computeIfAbsent(callee, k -> new TreeSet<>()).add(e.getKey());
                n++;
            }
        }
        this.callers = up;
        this.calls = n;
    }

    /**
     * A graph without functions, for when none can be built.
     *
     * @param why why there is none, for the report: {@code patch mail without --repo}
     * @return an empty graph whose {@link #description()} says {@code no call graph: WHY}
     */
    public static CallGraph none(String why) {
        return new CallGraph("", Objects.requireNonNull(why, "why"), 0, Map.of(), List.of());
    }

    /**
     * Builds the graph of some files of a tree.
     *
     * @param origin where the files come from, for the report: {@code commit 0123456789ab}
     * @param sources file path (relative to the tree's top) to its text; files
     *     that are not C are scanned all the same and usually define nothing
     * @return the graph
     */
    public static CallGraph of(String origin, Map<String, ? extends CharSequence> sources) {
        Objects.requireNonNull(origin, "origin");
        SortedMap<String, CSourceMap> maps = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, List<FunctionRef>> visible = new HashMap<>();
        for (Map.Entry<String, ? extends CharSequence> e : new TreeMap<>(sources).entrySet()) {
            String path = e.getKey();
            CSourceMap m = CFunctionLocator.locate(e.getValue());
            maps.put(path, m);
            if (!m.isClean()) {
                problems.add(path + ": " + m.problems().get(0));
            }
            Set<String> seen = new HashSet<>();
            for (CFunction f : m.functions()) {
                if ((!f.isStatic() || path.endsWith(".h")) && seen.add(f.name())) {
                    visible.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(new FunctionRef(path, f.name()));
                }
            }
        }
        Map<FunctionRef, SortedSet<FunctionRef>> edges = new HashMap<>();
        for (Map.Entry<String, CSourceMap> e : maps.entrySet()) {
            String path = e.getKey();
            CSourceMap m = e.getValue();
            Set<String> own = new HashSet<>();
            m.functions().forEach(f -> own.add(f.name()));
            for (CFunction f : m.functions()) {
                FunctionRef caller = new FunctionRef(path, f.name());
                SortedSet<FunctionRef> out = edges.computeIfAbsent(caller, k -> new TreeSet<>());
                for (String name : m.calls(f)) {
                    if (name.equals(f.name())) {
                        continue;
                    }
                    if (own.contains(name)) {
                        out.add(new FunctionRef(path, name));
                    } else {
                        out.addAll(visible.getOrDefault(name, List.of()));
                    }
                }
            }
        }
        return new CallGraph(origin, null, maps.size(), edges, problems);
    }

    /**
     * @return what the graph is: {@code 1210 functions and 4830 calls in 36
     *     files of commit 0123456789ab}, or {@code no call graph: WHY}
     */
    public String description() {
        return absent != null
                ? "no call graph: " + absent
                : functions() + " functions and " + calls + " calls in " + files + " files of " + origin;
    }

    /** @return the number of files scanned */
    public int files() {
        return files;
    }

    /** @return the number of functions defined in them */
    public int functions() {
        return callees.size();
    }

    /** @return the number of caller-callee pairs */
    public int calls() {
        return calls;
    }

    /**
     * @return one line for each file whose braces or comments do not balance
     *     ({@code fs/x.c: 1 unclosed '{' at end of file}): its functions and
     *     calls may be wrong
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * @param f a function
     * @return whether one of the files defines it
     */
    public boolean contains(FunctionRef f) {
        return callees.containsKey(f);
    }

    /**
     * The functions a start reaches, following calls one way, within a
     * number of calls.
     *
     * @param start the function to start from
     * @param direction to its callers or to its callees
     * @param maxCalls how many calls to follow at most; 0 reaches nothing
     * @return each function reached (not the start) with a shortest chain
     *     from the start to it, both included, in the order found (nearest
     *     first; among equally near, chains in path and name order); empty
     *     when the graph does not define the start
     */
    public Map<FunctionRef, List<FunctionRef>> reach(FunctionRef start, Direction direction, int maxCalls) {
        Map<FunctionRef, SortedSet<FunctionRef>> edges = direction == Direction.CALLEES ? callees : callers;
        Map<FunctionRef, List<FunctionRef>> out = new LinkedHashMap<>();
        Set<FunctionRef> seen = new HashSet<>(Set.of(start));
        List<List<FunctionRef>> frontier = List.of(List.of(start));
        for (int k = 0; k < maxCalls && !frontier.isEmpty(); k++) {
            List<List<FunctionRef>> next = new ArrayList<>();
            for (List<FunctionRef> chain : frontier) {
                for (FunctionRef f : edges.getOrDefault(chain.get(chain.size() - 1), Collections.emptySortedSet())) {
                    if (seen.add(f)) {
                        List<FunctionRef> longer = new ArrayList<>(chain);
                        longer.add(f);
                        out.put(f, List.copyOf(longer));
                        next.add(longer);
                    }
                }
            }
            frontier = next;
        }
        return out;
    }
}

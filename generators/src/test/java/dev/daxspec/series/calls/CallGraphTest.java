package dev.daxspec.series.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.series.calls.CallGraph.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallGraphTest {

    private static FunctionRef f(String path, String name) {
        return new FunctionRef(path, name);
    }

    /** a.c: top -> mid -> helper -> leaf (in b.c), and a static helper b.c has too. */
    private static final Map<String, String> TREE = Map.of(
            "a.c", """
                    static int helper(int x)
                    {
                    	return leaf(x) + inl(x);
                    }
                    static int mid(int x)
                    {
                    	return helper(x) + ops->helper(x) + mid(x - 1);
                    }
                    int top(void)
                    {
                    	return mid(1);
                    }
                    """,
            "b.c", """
                    static int helper(int x)
                    {
                    	return top();
                    }
                    int leaf(int x)
                    {
                    	return x;
                    }
                    """,
            "c.h", """
                    static inline int inl(int x)
                    {
                    	return x;
                    }
                    """,
            "broken.c", "int unclosed(void)\n{\n\treturn leaf(1);\n");

    @Test
    void callsResolveToTheOwnFileThenToWhatOtherFilesExport() {
        CallGraph g = CallGraph.of("commit 0123456789ab", TREE);
        assertThat(g.files()).isEqualTo(4);
        assertThat(g.functions()).isEqualTo(7);
        // a.c's helper calls b.c's leaf and c.h's static inline; mid calls its own file's
        // helper (not b.c's static one, nor ops->helper) and not itself
        assertThat(g.reach(f("a.c", "helper"), Direction.CALLEES, 1).keySet())
                .containsExactly(f("b.c", "leaf"), f("c.h", "inl"));
        assertThat(g.reach(f("a.c", "mid"), Direction.CALLEES, 1).keySet()).containsExactly(f("a.c", "helper"));
        assertThat(g.reach(f("b.c", "helper"), Direction.CALLEES, 1).keySet()).containsExactly(f("a.c", "top"));
        assertThat(g.calls()).isEqualTo(6);
        assertThat(g.description()).isEqualTo("7 functions and 6 calls in 4 files of commit 0123456789ab");
        assertThat(g.problems()).containsExactly("broken.c: function unclosed at line 1 is not closed");
    }

    @Test
    void reachFollowsCallsBothWaysWithinTheLimit() {
        CallGraph g = CallGraph.of("t", TREE);
        Map<FunctionRef, List<FunctionRef>> up = g.reach(f("b.c", "leaf"), Direction.CALLERS, 3);
        assertThat(up)
                .containsExactly(
                        Map.entry(f("a.c", "helper"), List.of(f("b.c", "leaf"), f("a.c", "helper"))),
                        Map.entry(f("broken.c", "unclosed"), List.of(f("b.c", "leaf"), f("broken.c", "unclosed"))),
                        Map.entry(f("a.c", "mid"), List.of(f("b.c", "leaf"), f("a.c", "helper"), f("a.c", "mid"))),
                        Map.entry(
                                f("a.c", "top"),
                                List.of(f("b.c", "leaf"), f("a.c", "helper"), f("a.c", "mid"), f("a.c", "top"))));
        assertThat(g.reach(f("b.c", "leaf"), Direction.CALLERS, 2)).doesNotContainKey(f("a.c", "top"));
        assertThat(g.reach(f("a.c", "top"), Direction.CALLEES, 3).get(f("b.c", "leaf")))
                .containsExactly(f("a.c", "top"), f("a.c", "mid"), f("a.c", "helper"), f("b.c", "leaf"));
        // as deep as asked, each function once, nearest first
        assertThat(g.reach(f("b.c", "helper"), Direction.CALLEES, 10).keySet())
                .containsExactly(
                        f("a.c", "top"), f("a.c", "mid"), f("a.c", "helper"), f("b.c", "leaf"), f("c.h", "inl"));
        assertThat(g.reach(f("a.c", "top"), Direction.CALLEES, 0)).isEmpty();
        assertThat(g.reach(f("nowhere.c", "x"), Direction.CALLERS, 3)).isEmpty();
        assertThat(g.contains(f("b.c", "helper"))).isTrue();
        assertThat(g.contains(f("b.c", "top"))).isFalse();
    }

    @Test
    void noneSaysWhy() {
        CallGraph g = CallGraph.none("patch mail read without --repo");
        assertThat(g.description()).isEqualTo("no call graph: patch mail read without --repo");
        assertThat(g.functions()).isZero();
        assertThat(g.reach(f("a.c", "top"), Direction.CALLEES, 3)).isEmpty();
    }
}

package dev.daxspec.series.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.series.ChangeKind;
import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.Diagnostic;
import dev.daxspec.series.FunctionBasis;
import dev.daxspec.series.Hunk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffDriver;
import org.eclipse.jgit.patch.Patch;
import org.junit.jupiter.api.Test;

class FileChangeAnalyzerTest {

    private static final String BASE = String.join(
            "\n", "static int a(void)", "{", "	return 1;", "}", "", "static int b(void)", "{", "	return 2;", "}", "");

    private static ChangedFile analyse(String path, String before, String after, List<Diagnostic> d) {
        return FileChangeAnalyzer.fromContents(
                path,
                path,
                ChangeKind.MODIFY,
                null,
                before.getBytes(StandardCharsets.UTF_8),
                null,
                after.getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                new SourceMapCache(4),
                "test",
                d);
    }

    @Test
    void removingAWholeFunctionTouchesIt() {
        List<Diagnostic> d = new ArrayList<>();
        ChangedFile f = analyse("x.c", BASE, String.join("\n", "static int a(void)", "{", "	return 1;", "}", ""), d);
        assertThat(f.functions()).containsExactly("b");
        assertThat(f.outsideFunctions())
                .as("the blank line before b is not code")
                .isFalse();
        Hunk h = f.hunks().get(0);
        assertThat(h.header()).isEqualTo("@@ -2,8 +2,3 @@ static int a(void)");
        assertThat(d).isEmpty();
    }

    @Test
    void addingAtTheTopGivesGitsZeroStart() {
        ChangedFile f = analyse("x.c", BASE, "#include <linux/fs.h>\n" + BASE, new ArrayList<>());
        assertThat(f.hunks().get(0).header()).isEqualTo("@@ -1,3 +1,4 @@");
        assertThat(f.outsideFunctions()).isTrue();
        ChangedFile empty = FileChangeAnalyzer.fromContents(
                null,
                "y.c",
                ChangeKind.ADD,
                null,
                new byte[0],
                null,
                BASE.getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                new SourceMapCache(4),
                "t",
                new ArrayList<>());
        assertThat(empty.hunks().get(0).header()).isEqualTo("@@ -0,0 +1,9 @@");
        assertThat(empty.functions()).containsExactly("a", "b");
    }

    @Test
    void unbalancedFilesFallBackToTheHunksWithAWarning() {
        List<Diagnostic> d = new ArrayList<>();
        String broken = BASE + "#define OPEN {\n}\n";
        ChangedFile f = analyse("x.c", broken, broken.replace("return 2;", "return 3;"), d);
        assertThat(f.basis()).isEqualTo(FunctionBasis.PATCH_TEXT);
        assertThat(f.functions()).containsExactly("b");
        assertThat(d)
                .extracting(Object::toString)
                .containsExactly("test: warning: x.c: "
                        + "unmatched '}' at line 11 in the old version; functions read from the hunks instead");
    }

    @Test
    void binaryAndNonCFiles() {
        ChangedFile bin = FileChangeAnalyzer.fromContents(
                "f.bin",
                "f.bin",
                ChangeKind.MODIFY,
                null,
                new byte[] {0, 1, 2},
                null,
                new byte[] {0, 1, 3},
                Optional.empty(),
                new SourceMapCache(4),
                "t",
                new ArrayList<>());
        assertThat(bin.basis()).isEqualTo(FunctionBasis.NONE);
        assertThat(bin.outsideFunctions()).isTrue();
        assertThat(bin.hunks()).isEmpty();
        String k = "config A\n\tbool \"a\"\n\thelp\n\t  one\n\t  two\n\t  three\n\t  four\n";
        ChangedFile kconfig = analyse("Kconfig", k, k.replace("four", "five"), new ArrayList<>());
        assertThat(kconfig.basis()).isEqualTo(FunctionBasis.NONE);
        assertThat(kconfig.hunks().get(0).context()).isEqualTo("config A");
    }

    @Test
    void patchTextGivesTheSameFunctionsAsTheFiles() {
        String after = BASE.replace("return 1;", "return 10;").replace("return 2;", "return 20;");
        ChangedFile exact = analyse("x.c", BASE, after, new ArrayList<>());
        String diff = "diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n"
                + "@@ -1,9 +1,9 @@\n static int a(void)\n {\n-\treturn 1;\n+\treturn 10;\n }\n \n"
                + " static int b(void)\n {\n-\treturn 2;\n+\treturn 20;\n }\n";
        Patch p = new Patch();
        byte[] bytes = diff.getBytes(StandardCharsets.UTF_8);
        p.parse(bytes, 0, bytes.length);
        ChangedFile text = FileChangeAnalyzer.fromPatch(p.getFiles().get(0));
        assertThat(text.functions()).isEqualTo(exact.functions()).containsExactly("a", "b");
        assertThat(text.basis()).isEqualTo(FunctionBasis.PATCH_TEXT);
        assertThat(text.hunks().get(0).functions()).containsExactly("a", "b");
    }

    /**
     * The hunk header names the function as git 2.x does for Linux (checked against git diff): with {@code diff=cpp} the
     * function's signature line, not git's default (the nearest line starting with a
     * letter, here a label inside the function).
     */
    @Test
    void theHunkHeaderNamesTheFunctionAsGitDoesWithTheCppDriver() {
        String before = String.join(
                "\n",
                "static int pmd_fault(struct vm_fault *vmf)",
                "{",
                "	int ret = 0;",
                "",
                "retry:",
                "	ret = 1;",
                "	ret = 2;",
                "	ret = 3;",
                "	ret = 4;",
                "	return ret;",
                "}",
                "");
        String after = before.replace("ret = 4;", "ret = 5;");
        ChangedFile plain = analyse("x.c", before, after, new ArrayList<>());
        assertThat(plain.hunks().get(0).header()).isEqualTo("@@ -6,6 +6,6 @@ retry:");
        ChangedFile cpp = FileChangeAnalyzer.fromContents(
                "x.c",
                "x.c",
                ChangeKind.MODIFY,
                null,
                before.getBytes(StandardCharsets.UTF_8),
                null,
                after.getBytes(StandardCharsets.UTF_8),
                Optional.of(DiffDriver.cpp),
                new SourceMapCache(4),
                "t",
                new ArrayList<>());
        assertThat(cpp.hunks().get(0).header()).isEqualTo("@@ -6,6 +6,6 @@ static int pmd_fault(struct vm_fault *vmf)");
        assertThat(cpp.functions()).isEqualTo(plain.functions()).containsExactly("pmd_fault");
        // git names the function before the hunk, not one its first context line starts
        String ab = "int x;\nstatic int a(void)\n{\n\treturn 1;\n}\nstatic int b(void)\n{\n\tint r;\n\tr = 1;\n"
                + "\treturn r;\n}\n";
        assertThat(FileChangeAnalyzer.fromContents(
                                "x.c",
                                "x.c",
                                ChangeKind.MODIFY,
                                null,
                                ab.getBytes(StandardCharsets.UTF_8),
                                null,
                                ab.replace("r = 1;", "r = 2;").getBytes(StandardCharsets.UTF_8),
                                Optional.of(DiffDriver.cpp),
                                new SourceMapCache(4),
                                "t",
                                new ArrayList<>())
                        .hunks()
                        .get(0)
                        .header())
                .isEqualTo("@@ -6,6 +6,6 @@ static int a(void)");
    }
}

package dev.daxspec.series.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.series.ChangeKind;
import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.FunctionBasis;
import dev.daxspec.series.Hunk;
import dev.daxspec.series.Series;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import dev.daxspec.series.git.RangeReader.Walk;
import dev.daxspec.series.testing.Fixtures;
import dev.daxspec.series.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeReaderTest {

    @TempDir
    Path tmp;

    private TestRepo repo;
    private RevCommit relax;

    /** A small kernel-like history on top of the dax-mini fixture tree, tagged v1. */
    @BeforeEach
    void history() {
        repo = TestRepo.init(tmp.resolve("linux"));
        repo.copyTree(Fixtures.series("trees/dax-mini")).commit("base").getId();
        repo.tag("v1");
        repo.replace("fs/dax.c", "	if (xas.xa_index >= max_pgoff)\n", "	if (xas.xa_index > max_pgoff)\n");
        relax = repo.commit("""
                dax: relax the EOF check in the PMD fault path

                Signed-off-by: Series Tester <tester@example.org>
                """);
        repo.replace("fs/dax.c", "	if (xas.xa_index > max_pgoff)\n", "	if (xas.xa_index >= max_pgoff)\n");
        repo.commit("dax: fix the EOF check in the PMD fault path\n\n"
                + "A fault on the page at EOF must SIGBUS.\n\n"
                + "Fixes: " + relax.getId().abbreviate(12).name()
                + " (\"dax: relax the EOF check in the PMD fault path\")\n"
                + "Reviewed-by: A Reviewer <r@example.org>\n"
                + "Signed-off-by: Series Tester <tester@example.org>\n");
    }

    @Test
    void readsTheRangeOldestFirstWithTrailersAndFixes() throws Exception {
        Series s = RangeReader.read(repo.dir(), "v1..HEAD", Walk.ALL);
        assertThat(s.commits())
                .extracting(SeriesCommit::subject)
                .containsExactly(
                        "dax: relax the EOF check in the PMD fault path",
                        "dax: fix the EOF check in the PMD fault path");
        SeriesCommit fix = s.commits().get(1);
        assertThat(fix.index()).isEqualTo(2);
        assertThat(fix.author()).isEqualTo("Series Tester <tester@example.org>");
        assertThat(fix.date()).isEqualTo("2023-11-15T02:13:20+01:00");
        assertThat(fix.trailer("Reviewed-by")).containsExactly("A Reviewer <r@example.org>");
        assertThat(fix.fixes()).hasSize(1);
        assertThat(fix.fixes().get(0).resolved()).contains(relax.getId().name());
        assertThat(fix.fixes().get(0).subject()).isEqualTo("dax: relax the EOF check in the PMD fault path");
        ChangedFile f = fix.files().get(0);
        assertThat(f.path()).isEqualTo("fs/dax.c");
        assertThat(f.basis()).isEqualTo(FunctionBasis.FILE_CONTENT);
        assertThat(f.functions()).containsExactly("dax_iomap_pmd_fault");
        assertThat(f.outsideFunctions()).isFalse();
        assertThat(f.hunks()).hasSize(1);
        Hunk h = f.hunks().get(0);
        // git's default context is the nearest line before the hunk starting with a letter
        assertThat(h.context()).isEqualTo("static vm_fault_t dax_iomap_pmd_fault(struct vm_fault *vmf, pfn_t *pfnp,");
        assertThat(h.oldCount()).isEqualTo(7);
        assertThat(h.newCount()).isEqualTo(7);
        assertThat(s.source()).isEqualTo("range v1..HEAD in " + repo.dir());
    }

    @Test
    void rangeSpellings() throws Exception {
        String head = repo.git().getRepository().resolve("HEAD").name();
        String base = repo.git().getRepository().resolve("v1").name();
        assertThat(RangeReader.read(repo.dir(), "HEAD~2..HEAD", Walk.ALL).commits())
                .hasSize(2);
        assertThat(RangeReader.read(repo.dir(), "HEAD~1..", Walk.ALL).commits()).hasSize(1);
        assertThat(RangeReader.read(repo.dir(), base.substring(0, 8) + ".." + head.substring(0, 9), Walk.ALL)
                        .commits())
                .hasSize(2);
        Series empty = RangeReader.read(repo.dir(), "HEAD..HEAD", Walk.ALL);
        assertThat(empty.commits()).isEmpty();
        assertThat(empty.diagnostics())
                .extracting(Object::toString)
                .containsExactly("range HEAD..HEAD: warning: the range holds no commits");
    }

    @Test
    void unknownRangesAreOneClearLine() {
        assertThatThrownBy(() -> RangeReader.read(repo.dir(), "v9..HEAD", Walk.ALL))
                .isInstanceOf(SeriesException.class)
                .hasMessage("unknown revision 'v9' in range 'v9..HEAD' in " + repo.dir())
                .extracting(e -> ((SeriesException) e).problem())
                .isEqualTo(Problem.UNKNOWN_RANGE);
        assertThatThrownBy(() -> RangeReader.read(repo.dir(), "v1", Walk.ALL))
                .hasMessage("not a range 'v1' in " + repo.dir() + ": use BASE..HEAD");
        assertThatThrownBy(() -> RangeReader.read(repo.dir(), "v1...HEAD", Walk.ALL))
                .hasMessageStartingWith("unsupported range 'v1...HEAD'");
        assertThatThrownBy(() -> RangeReader.read(repo.dir(), "v1..HEAD~7", Walk.ALL))
                .hasMessage("unknown revision 'HEAD~7' in range 'v1..HEAD~7' in " + repo.dir());
        String tree = "HEAD^{tree}";
        assertThatThrownBy(() -> RangeReader.read(repo.dir(), "v1.." + tree, Walk.ALL))
                .hasMessageContaining("HEAD^{tree}");
    }

    @Test
    void notARepositoryIsOneClearLine() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> RangeReader.read(plain, "v1..HEAD", Walk.ALL))
                .isInstanceOf(SeriesException.class)
                .hasMessage("not a git repository: " + plain)
                .extracting(e -> ((SeriesException) e).problem())
                .isEqualTo(Problem.NOT_A_REPOSITORY);
        assertThatThrownBy(() -> RangeReader.read(tmp.resolve("nowhere"), "v1..HEAD", Walk.ALL))
                .hasMessage("not a git repository: " + tmp.resolve("nowhere") + " (no such directory)");
    }

    @Test
    void bareRepositoriesAndGitDirectoriesOpen() throws Exception {
        Path gitDir = repo.dir().resolve(".git");
        assertThat(RangeReader.read(gitDir, "v1..HEAD", Walk.ALL).commits()).hasSize(2);
    }

    /** The hunk-to-function cases the header alone gets wrong. */
    @Test
    void functionsComeFromTheFileNotTheHeader() throws Exception {
        // a hunk whose header shows a label inside the function
        repo.replace(
                "fs/dax.c",
                "		xas_store(xas, entry);\n	}\n	return entry;\n",
                "		xas_store(xas, entry);\n	}\n	xas_set_update(xas, NULL);\n	return entry;\n");
        repo.commit("dax: touch grab_mapping_entry after its label");
        // a hunk spanning the end of one function and the start of the next
        repo.replace(
                "fs/dax.c",
                "	return vmf_insert_mixed(vmf->vma, vaddr, pfn);\n",
                "	return vmf_insert_mixed_mkwrite(vmf->vma, vaddr, pfn);\n");
        repo.replace(
                "fs/dax.c", "	loff_t length = iomap_length(iomi);\n", "	const loff_t length = iomap_length(iomi);\n");
        repo.commit("dax: a hunk over two functions");
        // a hunk whose function's signature is on the hunk's own lines
        repo.replace(
                "fs/dax.c",
                "	return xa_to_value(entry) & DAX_LOCKED;\n",
                "	return !!(xa_to_value(entry) & DAX_LOCKED);\n");
        repo.commit("dax: a change just after a signature");
        Series s = RangeReader.read(repo.dir(), "HEAD~3..HEAD", Walk.ALL);
        Hunk label = s.commits().get(0).files().get(0).hunks().get(0);
        assertThat(label.context()).isEqualTo("retry:");
        assertThat(label.functions()).containsExactly("grab_mapping_entry");
        Hunk two = s.commits().get(1).files().get(0).hunks().get(0);
        assertThat(s.commits().get(1).files().get(0).hunks()).hasSize(1);
        assertThat(two.context()).startsWith("static vm_fault_t dax_load_hole(");
        assertThat(two.functions()).containsExactly("dax_iomap_iter", "dax_load_hole");
        Hunk sig = s.commits().get(2).files().get(0).hunks().get(0);
        assertThat(sig.context()).isEqualTo("static inline unsigned int dax_entry_order(void *entry)");
        assertThat(sig.functions()).containsExactly("dax_is_locked");
    }

    @Test
    void newFunctionsDefinesCommentsAndRenames() throws Exception {
        repo.replace(
                "fs/dax.c",
                "static bool dax_is_locked(void *entry)\n",
                "static bool dax_is_pmd_entry(void *entry)\n{\n"
                        + "	return xa_to_value(entry) & DAX_PMD;\n}\n\n"
                        + "static bool dax_is_locked(void *entry)\n");
        repo.replace(
                "fs/dax.c",
                "/* The order of a PMD entry, in pages */",
                "/* The number of pages in a PMD entry, less one */");
        repo.commit("dax: add dax_is_pmd_entry");
        repo.replace("fs/dax.c", "#define DAX_PMD		(1UL << 1)", "#define DAX_PMD		(1UL << 2)");
        repo.commit("dax: move the PMD bit");
        repo.move("fs/ext4/file.c", "fs/ext4/file_dax.c");
        repo.replace(
                "fs/ext4/file_dax.c",
                "	return ext4_dax_huge_fault(vmf, PE_SIZE_PTE);",
                "	return ext4_dax_huge_fault(vmf, PE_SIZE_PTE); /* 4k */");
        repo.write("Documentation/filesystems/dax.rst", "DAX\n===\n");
        repo.commit("ext4: move the DAX fault handlers");
        Series s = RangeReader.read(repo.dir(), "HEAD~3..HEAD", Walk.ALL);
        ChangedFile added = s.commits().get(0).files().get(0);
        assertThat(added.functions()).containsExactly("dax_is_pmd_entry");
        assertThat(added.outsideFunctions()).as("a comment is not code").isFalse();
        ChangedFile define = s.commits().get(1).files().get(0);
        assertThat(define.functions()).isEmpty();
        assertThat(define.outsideFunctions()).isTrue();
        List<ChangedFile> moved = s.commits().get(2).files();
        assertThat(moved).extracting(ChangedFile::change).containsExactly(ChangeKind.ADD, ChangeKind.RENAME);
        ChangedFile doc = moved.get(0);
        assertThat(doc.basis()).isEqualTo(FunctionBasis.NONE);
        assertThat(doc.outsideFunctions()).isTrue();
        ChangedFile rename = moved.get(1);
        assertThat(rename.oldPath()).isEqualTo("fs/ext4/file.c");
        assertThat(rename.newPath()).isEqualTo("fs/ext4/file_dax.c");
        assertThat(rename.paths()).containsExactly("fs/ext4/file_dax.c", "fs/ext4/file.c");
        assertThat(rename.functions()).containsExactly("ext4_dax_fault");
    }

    @Test
    void mergesAreSkippedOrWalkedByFirstParent() throws Exception {
        var git = repo.git();
        git.branchCreate().setName("topic").call();
        git.checkout().setName("topic").call();
        repo.replace("fs/ext4/file.c", "		return -EOPNOTSUPP;", "		return -EINVAL;");
        repo.commit("ext4: topic one");
        repo.replace("fs/ext4/file.c", "	file_accessed(file);\n", "	file_accessed(file); /* atime */\n");
        repo.commit("ext4: topic two");
        git.checkout().setName("master").call();
        repo.replace(
                "include/linux/dax.h",
                "		return true;\n	if (!IS_DAX",
                "		return true;\n	/* MAP_SYNC needs DAX */\n	if (!IS_DAX");
        repo.commit("dax: mainline change");
        git.merge()
                .include(git.getRepository().resolve("topic"))
                .setMessage("Merge branch 'topic'")
                .setCommit(true)
                .call();
        Series all = RangeReader.read(repo.dir(), "v1..master", Walk.ALL);
        assertThat(all.commits()).extracting(SeriesCommit::subject).hasSize(5).doesNotContain("Merge branch 'topic'");
        assertThat(all.diagnostics())
                .extracting(Object::toString)
                .containsExactly(
                        "range v1..master: info: 1 merge commit skipped: their changes are in the commits they merge");
        Series fp = RangeReader.read(repo.dir(), "v1..master", Walk.FIRST_PARENT);
        assertThat(fp.commits())
                .extracting(SeriesCommit::subject)
                .containsExactly(
                        "dax: relax the EOF check in the PMD fault path",
                        "dax: fix the EOF check in the PMD fault path",
                        "dax: mainline change",
                        "Merge branch 'topic'");
        assertThat(fp.commits().get(3).files()).extracting(ChangedFile::path).containsExactly("fs/ext4/file.c");
        assertThat(fp.commits().get(3).files().get(0).functions()).containsExactly("ext4_file_mmap");
    }

    /**
     * With Linux's {@code .gitattributes} ({@code *.[ch] diff=cpp}) committed, the hunk
     * headers name the function as {@code git diff} does there (checked with git 2.39);
     * without it, git's default names the label.
     */
    @Test
    void aCommittedDiffCppAttributeNamesTheHunksFunctionAsGitDoes() throws Exception {
        String fault = "/* SPDX */\nstatic int pmd_fault(struct vm_fault *vmf)\n{\n\tint ret = 0;\n\nretry:\n"
                + "\tret = 1;\n\tret = 2;\n\tret = 3;\n\tret = 4;\n\treturn ret;\n}\n";
        repo.write("fs/fault.c", fault).commit("fault");
        repo.tag("v2");
        repo.replace("fs/fault.c", "ret = 4;", "ret = 5;").commit("fault: 5");
        repo.write(".gitattributes", "*.[ch] diff=cpp\n").commit("attributes");
        repo.tag("v3");
        repo.replace("fs/fault.c", "ret = 5;", "ret = 6;").commit("fault: 6");
        // the first commit of v2..HEAD comes before the attributes
        Hunk plain = RangeReader.read(repo.dir(), "v2..HEAD", Walk.ALL)
                .commits()
                .get(0)
                .files()
                .get(0)
                .hunks()
                .get(0);
        Hunk cpp = RangeReader.read(repo.dir(), "v3..HEAD", Walk.ALL)
                .commits()
                .get(0)
                .files()
                .get(0)
                .hunks()
                .get(0);
        assertThat(plain.header()).isEqualTo("@@ -7,6 +7,6 @@ retry:");
        assertThat(cpp.header()).isEqualTo("@@ -7,6 +7,6 @@ static int pmd_fault(struct vm_fault *vmf)");
        assertThat(cpp.functions()).isEqualTo(plain.functions()).containsExactly("pmd_fault");
    }
}

package dev.daxspec.series.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daxspec.series.ChangeKind;
import dev.daxspec.series.ChangedFile;
import dev.daxspec.series.FunctionBasis;
import dev.daxspec.series.PatchTag;
import dev.daxspec.series.Series;
import dev.daxspec.series.SeriesCommit;
import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import dev.daxspec.series.Trailer;
import dev.daxspec.series.review.SeriesSource;
import dev.daxspec.series.testing.Fixtures;
import dev.daxspec.series.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.eclipse.jgit.patch.Patch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSeriesReaderTest {

    @TempDir
    Path tmp;

    private TestRepo linux2624() {
        TestRepo r = TestRepo.init(tmp.resolve("linux-2.6"));
        r.copyTree(Fixtures.series("trees/linux-2.6.24")).commit("linux-2.6.24-rc4, in miniature");
        return r.tag("v2.6.24-rc4");
    }

    @Test
    void seedMboxWithoutRepository() throws Exception {
        Path mbox = Fixtures.series("seed004-xip.mbox");
        Series s = SeriesSource.fromMbox(mbox, Optional.empty());
        assertThat(s.source()).isEqualTo("mbox " + mbox);
        assertThat(s.commits())
                .extracting(SeriesCommit::subject)
                .containsExactly("ext2: XIP blocksize check", "mm: fix XIP file writes", "brd: support XIP");
        SeriesCommit ext2 = s.commits().get(0);
        assertThat(ext2.id()).isEqualTo("seed004-xip.mbox#1");
        assertThat(ext2.origin()).isEqualTo(SeriesCommit.Origin.MAIL);
        assertThat(ext2.author()).isEqualTo("Nick Piggin <npiggin@suse.de>");
        assertThat(ext2.date()).isEqualTo("2007-12-04T04:23:00Z");
        assertThat(ext2.patchTag()).contains(new PatchTag(1, 0, 0, false, false, List.of()));
        assertThat(ext2.trailers()).containsExactly(new Trailer("Signed-off-by", "Nick Piggin <npiggin@suse.de>"));
        assertThat(ext2.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("fs/ext2/super.c");
            assertThat(f.basis()).isEqualTo(FunctionBasis.PATCH_TEXT);
            assertThat(f.functions()).containsExactly("ext2_fill_super");
            assertThat(f.hunks().get(0).header())
                    .isEqualTo("@@ -844,8 +844,7 @@ static int ext2_fill_super(struct super_");
        });
        SeriesCommit fix = s.commits().get(1);
        assertThat(fix.files().get(0).functions()).containsExactly("__xip_file_write");
        SeriesCommit brd = s.commits().get(2);
        assertThat(brd.files())
                .extracting(ChangedFile::path)
                .containsExactly("drivers/block/Kconfig", "drivers/block/brd.c");
        ChangedFile kconfig = brd.files().get(0);
        assertThat(kconfig.basis()).isEqualTo(FunctionBasis.NONE);
        assertThat(kconfig.outsideFunctions()).isTrue();
        assertThat(brd.files().get(1).functions()).containsExactly("brd_insert_page");
        assertThat(brd.files().get(1).hunks()).hasSize(2);
        assertThat(s.diagnostics())
                .extracting(Object::toString)
                .containsExactly(
                        mbox + ":135: info: message 4: no patch; skipped",
                        mbox + ":155: info: message 5: no patch; skipped");
    }

    @Test
    void seedMboxAppliedToTheRepository() throws Exception {
        TestRepo r = linux2624();
        Series s = SeriesSource.fromMbox(Fixtures.series("seed004-xip.mbox"), Optional.of(r.dir()));
        assertThat(s.source()).endsWith(" applied to HEAD in " + r.dir());
        assertThat(s.commits()).hasSize(3);
        assertThat(s.commits())
                .flatExtracting(SeriesCommit::files)
                .extracting(ChangedFile::path, ChangedFile::basis, ChangedFile::functions)
                .containsExactly(
                        Tuple.tuple("fs/ext2/super.c", FunctionBasis.FILE_CONTENT, List.of("ext2_fill_super")),
                        Tuple.tuple("mm/filemap_xip.c", FunctionBasis.FILE_CONTENT, List.of("__xip_file_write")),
                        Tuple.tuple("drivers/block/Kconfig", FunctionBasis.NONE, List.of()),
                        Tuple.tuple("drivers/block/brd.c", FunctionBasis.FILE_CONTENT, List.of("brd_insert_page")));
        // the hunks are those of the files: the miniature's line numbers, git's context
        assertThat(s.commits().get(1).files().get(0).hunks().get(0).context())
                .isEqualTo("__xip_file_write(struct file *filp, const char __user *buf,");
        assertThat(s.diagnostics()).extracting(Object::toString).noneMatch(d -> d.contains("suggests"));
    }

    /** The first hunk of Nick Piggin's incremental brd XIP patch (Dec 2007): its header names a struct. */
    @Test
    void patchTextAndFilesDisagreeOnlyInADiagnostic() throws Exception {
        TestRepo r = linux2624();
        r.replace(
                "drivers/block/brd.c",
                "static struct page *brd_lookup_page(struct brd_device *brd, sector_t sector)\n{\n\tpgoff_t idx;",
                "static struct page *brd_lookup_page(struct brd_device *brd, sector_t sector)\n{\n\tunsigned long idx;");
        r.commit("before the incremental patch");
        Path eml = tmp.resolve("brd-incremental.eml");
        Files.writeString(
                eml,
                String.join(
                        "\n",
                        "From: Nick Piggin <npiggin@suse.de>",
                        "Subject: [patch] brd: use pgoff_t",
                        "",
                        "Signed-off-by: Nick Piggin <npiggin@suse.de>",
                        "---",
                        "Index: linux-2.6/drivers/block/brd.c",
                        "===================================================================",
                        "--- linux-2.6.orig/drivers/block/brd.c",
                        "+++ linux-2.6/drivers/block/brd.c",
                        "@@ -56,7 +56,7 @@ struct brd_device {",
                        "  */",
                        " static struct page *brd_lookup_page(struct brd_device *brd, sector_t sector)",
                        " {",
                        "-\tunsigned long idx;",
                        "+\tpgoff_t idx;",
                        " \tstruct page *page;",
                        " ",
                        " \t/*",
                        ""));
        Series text = SeriesSource.fromMbox(eml, Optional.empty());
        assertThat(text.commits().get(0).files().get(0).functions()).containsExactly("brd_lookup_page");
        Series applied = SeriesSource.fromMbox(eml, Optional.of(r.dir()));
        assertThat(applied.commits().get(0).files().get(0).functions()).containsExactly("brd_lookup_page");
    }

    @Test
    void replyQuotingAPatchIsNoPatch() {
        Path eml = Fixtures.series("seed000-reply-quotes-patch.eml");
        assertThatThrownBy(() -> SeriesSource.fromMbox(eml, Optional.empty()))
                .isInstanceOf(SeriesException.class)
                .hasMessage("no patches in " + eml + ": 1 message, none with a diff outside quoted text")
                .extracting(e -> ((SeriesException) e).problem())
                .isEqualTo(Problem.NO_PATCHES);
    }

    @Test
    void aReplyThatQuotesAPatchIsSkippedInAnMbox() throws Exception {
        Path mbox = tmp.resolve("mixed.mbox");
        Files.writeString(
                mbox,
                "From x Mon Jan  1 00:00:00 2001\n"
                        + Files.readString(Fixtures.series("seed000-reply-quotes-patch.eml")) + "\n"
                        + "From x Mon Jan  1 00:00:00 2001\n"
                        + Files.readString(Fixtures.series("mm-fix-xip-file-writes.eml")));
        Series s = SeriesSource.fromMbox(mbox, Optional.empty());
        assertThat(s.commits()).extracting(SeriesCommit::subject).containsExactly("mm: fix XIP file writes");
        assertThat(s.diagnostics())
                .extracting(Object::toString)
                .containsExactly(mbox + ":2: info: message 1: only quotes a patch; skipped");
    }

    @Test
    void singleMessageAndBarePatch() throws Exception {
        Path eml = Fixtures.series("brd-support-xip.eml");
        Series s = SeriesSource.fromMbox(eml, Optional.empty());
        assertThat(s.source()).isEqualTo("message " + eml);
        assertThat(s.commits().get(0).id()).isEqualTo("brd-support-xip.eml");
        assertThat(s.commits().get(0).subject()).isEqualTo("brd: support XIP");
        Series p = SeriesSource.fromMbox(Fixtures.series("ext2-xip-blocksize.patch"), Optional.empty());
        assertThat(p.commits().get(0).subject()).isEqualTo("ext2-xip-blocksize");
        assertThat(p.commits().get(0).author()).isEmpty();
        assertThat(p.commits().get(0).trailer("Signed-off-by")).containsExactly("Nick Piggin <npiggin@suse.de>");
        assertThat(p.commits().get(0).files().get(0).functions()).containsExactly("ext2_fill_super");
    }

    @Test
    void patchThatDoesNotApplyIsOneClearLine() throws Exception {
        TestRepo r = linux2624();
        r.replace(
                "drivers/block/brd.c",
                "\tpage = alloc_page(GFP_NOIO | __GFP_HIGHMEM | __GFP_ZERO);",
                "\tpage = alloc_page(GFP_NOIO | __GFP_ZERO);");
        r.commit("brd: someone got there first");
        Path mbox = Fixtures.series("seed004-xip.mbox");
        assertThatThrownBy(() -> SeriesSource.fromMbox(mbox, Optional.of(r.dir())))
                .isInstanceOf(SeriesException.class)
                .hasMessage("patch 'brd: support XIP' (seed004-xip.mbox message 3) does not apply to "
                        + "drivers/block/brd.c at HEAD: hunk @@ -97,8 +98,17 @@: hunk cannot be applied")
                .extracting(e -> ((SeriesException) e).problem())
                .isEqualTo(Problem.PATCH_DOES_NOT_APPLY);
        // it applies to the tag before that commit
        assertThat(SeriesSource.fromMbox(mbox, Optional.of(r.dir()), "v2.6.24-rc4")
                        .commits())
                .hasSize(3);
        assertThatThrownBy(() -> SeriesSource.fromMbox(mbox, Optional.of(r.dir()), "v9"))
                .hasMessage("unknown base revision 'v9' in " + r.dir());
    }

    @Test
    void patchForAFileTheRepositoryLacks() {
        TestRepo r = TestRepo.init(tmp.resolve("dax"));
        r.copyTree(Fixtures.series("trees/dax-mini")).commit("base");
        Path eml = Fixtures.series("mm-fix-xip-file-writes.eml");
        assertThatThrownBy(() -> SeriesSource.fromMbox(eml, Optional.of(r.dir())))
                .hasMessage("patch 'mm: fix XIP file writes' (mm-fix-xip-file-writes.eml) does not "
                        + "apply to mm/filemap_xip.c at HEAD: no such file");
        assertThatThrownBy(() -> SeriesSource.fromMbox(eml, Optional.of(tmp)))
                .hasMessage("not a git repository: " + tmp);
    }

    private static String patchMail(String subject, String body) {
        return "From x Mon Jan  1 00:00:00 2001\nFrom: A <a@example.org>\nSubject: " + subject + "\n\n" + body + "\n";
    }

    private static String diff(String path, String context, String from, String to) {
        return "---\ndiff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/" + path
                + "\n@@ -1,2 +1,2 @@\n " + context + "\n-" + from + "\n+" + to + "\n";
    }

    @Test
    void versionsCoverLetterAndOrder() throws Exception {
        TestRepo r = TestRepo.init(tmp.resolve("toy"));
        r.write("a.c", "int a;\nint b;\n").commit("base");
        Path mbox = tmp.resolve("series.mbox");
        Files.writeString(
                mbox,
                patchMail("[PATCH v2 1/2] a: old", diff("a.c", "int a;", "int b;", "int c;"))
                        + patchMail("[PATCH v3 2/3] a: second", diff("a.c", "int a;", "int c;", "int d;"))
                        + patchMail("[PATCH v3 0/3] a: the series", "This series changes b to e.")
                        + patchMail("[PATCH v3 1/3] a: first", diff("a.c", "int a;", "int b;", "int c;"))
                        + patchMail("[PATCH v3 3/3] a: third", diff("a.c", "int a;", "int d;", "int e;")));
        Series s = SeriesSource.fromMbox(mbox, Optional.of(r.dir()));
        assertThat(s.coverLetter()).contains("a: the series");
        assertThat(s.commits()).extracting(SeriesCommit::subject).containsExactly("a: first", "a: second", "a: third");
        assertThat(s.commits()).extracting(SeriesCommit::index).containsExactly(1, 2, 3);
        assertThat(s.diagnostics())
                .extracting(Object::toString)
                .containsExactly(mbox + ":2: info: message 1: v2 of the series; only v3 is read");
        assertThat(s.commits().get(2).files().get(0).change()).isEqualTo(ChangeKind.MODIFY);
        // patch 3/3 only applies on top of 2/3, which only applies on top of 1/3
        Files.writeString(
                mbox,
                patchMail("[PATCH 1/3] a: first", diff("a.c", "int a;", "int b;", "int c;"))
                        + patchMail("[PATCH 3/3] a: third", diff("a.c", "int a;", "int d;", "int e;")));
        assertThatThrownBy(() -> SeriesSource.fromMbox(mbox, Optional.of(r.dir())))
                .hasMessageStartingWith("patch 3/3 'a: third' (series.mbox message 2) does not apply to a.c");
        Series gap = SeriesSource.fromMbox(mbox, Optional.empty());
        assertThat(gap.diagnostics())
                .extracting(Object::toString)
                .containsExactly(mbox + ": warning: patch 2/3 is missing from the mail");
    }

    @Test
    void aTruncatedPatchIsAnErrorNamingItsLine() throws Exception {
        Path eml = tmp.resolve("truncated.eml");
        String full = Files.readString(Fixtures.series("brd-support-xip.eml"));
        Files.writeString(eml, full.replace(" \t\treturn NULL;\n \n", " ...\n"));
        assertThatThrownBy(() -> SeriesSource.fromMbox(eml, Optional.empty()))
                .extracting(e -> ((SeriesException) e).problem())
                .isEqualTo(Problem.DAMAGED_PATCH);
        assertThatThrownBy(() -> SeriesSource.fromMbox(eml, Optional.empty()))
                .hasMessageMatching(Pattern.quote(eml.toString()) + ":\\d+: the message: drivers/block/brd.c: hunk"
                        + " @@ -97,8 \\+98,17 @@ ends after 7 of 8 .*");
    }

    @Test
    void aDamagedHunkHeaderIsAnErrorNamingItsLine() throws Exception {
        Path eml = tmp.resolve("damaged.eml");
        String full = Files.readString(Fixtures.series("brd-support-xip.eml"));
        String damaged = full.replace("@@ -97,8 +98,17 @@", "@@ -abc,8 +x,17 @@");
        assertThat(damaged).isNotEqualTo(full);
        Files.writeString(eml, damaged);
        int line = damaged.lines()
                        .toList()
                        .indexOf(damaged.lines()
                                .filter(l -> l.startsWith("@@ -abc"))
                                .findFirst()
                                .orElseThrow())
                + 1;
        assertThatThrownBy(() -> SeriesSource.fromMbox(eml, Optional.empty()))
                .hasMessage(eml + ":" + line
                        + ": the message: drivers/block/brd.c: damaged hunk header '@@ -abc,8 +x,17 @@ static struct"
                        + " page *brd_insert_page(stru': expected @@ -START[,COUNT] +START[,COUNT] @@");
    }

    /**
     * JGit's parse errors are named by the mail's line: each line of the rewritten patch
     * keeps the body line it came from, quilt's added header lines that of the header they
     * stand for.
     */
    @Test
    void jgitsParseErrorsAreNamedByTheLineOfTheMailTheyAreAt() {
        String body =
                "Fix it.\n---\nIndex: linux/f.c\n===================================================================\n"
                        + "--- linux.orig/f.c\n+++ linux/f.c\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n";
        DiffExtractor.Extracted ex = DiffExtractor.extract(body);
        assertThat(ex.patch()).startsWith("diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,2 @@\n");
        assertThat(ex.patchLines()).containsExactly(4, 4, 5, 6, 7, 8, 9);
        // the patch cut before its last line, as JGit would meet a hunk cut short
        String cut = ex.patch().substring(0, ex.patch().indexOf("+c\n"));
        byte[] bytes = cut.getBytes(StandardCharsets.UTF_8);
        Patch p = new Patch();
        p.parse(bytes, 0, bytes.length);
        assertThat(p.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("Truncated hunk, at least 1 new lines is missing");
            // at the hunk header, body line 6 (0-based)
            assertThat(MailSeriesReader.bodyLine(ex, bytes, e.getOffset())).isEqualTo(6);
        });
    }
}

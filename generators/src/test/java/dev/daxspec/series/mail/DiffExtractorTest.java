package dev.daxspec.series.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.series.Diagnostic.Severity;
import dev.daxspec.series.mail.DiffExtractor.Extracted;
import dev.daxspec.series.testing.Fixtures;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class DiffExtractorTest {

    /** Seed 004's fix: quilt headers, a web archive's "--" right after the hunk. */
    @Test
    void quiltPatchBecomesGitStyle() throws Exception {
        MailMessage m = Mailbox.read(Fixtures.series("mm-fix-xip-file-writes.eml"))
                .messages()
                .get(0);
        Extracted ex = DiffExtractor.extract(m.body());
        assertThat(ex.files()).isEqualTo(1);
        assertThat(ex.problems()).isEmpty();
        assertThat(ex.patch()).isEqualTo("""
                diff --git a/mm/filemap_xip.c b/mm/filemap_xip.c
                --- a/mm/filemap_xip.c
                +++ b/mm/filemap_xip.c
                @@ -314,7 +314,7 @@ __xip_file_write(struct file *filp, cons
                \t\tfault_in_pages_readable(buf, bytes);
                \t\tkaddr = kmap_atomic(page, KM_USER0);
                \t\tcopied = bytes -
                -\t\t\t__copy_from_user_inatomic_nocache(kaddr, buf, bytes);
                +\t\t\t__copy_from_user_inatomic_nocache(kaddr + offset, buf, bytes);
                \t\tkunmap_atomic(kaddr, KM_USER0);
                \t\tflush_dcache_page(page);
                \s
                """.replace("\n\t\t", "\n \t\t"));
        // the changelog ends at the last "---" before the patch; Nick's note stays above it
        assertThat(ex.description())
                .startsWith("Here we go.")
                .endsWith("Signed-off-by: Nick Piggin <npiggin@suse.de>\n");
    }

    @Test
    void replyQuotingAPatchHasNoPatch() throws Exception {
        MailMessage m = Mailbox.read(Fixtures.series("seed000-reply-quotes-patch.eml"))
                .messages()
                .get(0);
        Extracted ex = DiffExtractor.extract(m.body());
        assertThat(ex.files()).isZero();
        assertThat(ex.patch()).isEmpty();
        assertThat(ex.quotedPatch()).isTrue();
    }

    /** Seed 004: Christian quotes diff lines between snip marks, without headers. */
    @Test
    void diffLinesWithoutHeadersAreNotAPatch() throws Exception {
        MailMessage m =
                Mailbox.read(Fixtures.series("seed004-xip.mbox")).messages().get(4);
        assertThat(m.body()).contains("-\t\tcopied = filemap_copy_from_user(page, offset, buf, bytes);");
        Extracted ex = DiffExtractor.extract(m.body());
        assertThat(ex.files()).isZero();
        assertThat(ex.quotedPatch()).isFalse();
    }

    @Test
    void truncatedHunkIsReported() {
        String body = String.join(
                        "\n",
                        "Support direct_access XIP method with brd.",
                        "",
                        "---",
                        "Index: linux-2.6/drivers/block/brd.c",
                        "===================================================================",
                        "--- linux-2.6.orig/drivers/block/brd.c",
                        "+++ linux-2.6/drivers/block/brd.c",
                        "@@ -97,8 +98,17 @@ static struct page *brd_insert_page(stru",
                        " \t/*",
                        "-\tpage = alloc_page(GFP_NOIO | __GFP_HIGHMEM | __GFP_ZERO);",
                        "+\tpage = alloc_page(gfp_flags);",
                        " \tif (!page)",
                        " ...",
                        "From: Matthew Wilcox")
                + "\n";
        Extracted ex = DiffExtractor.extract(body);
        assertThat(ex.problems())
                .containsExactly(new DiffExtractor.Problem(
                        7,
                        Severity.ERROR,
                        "drivers/block/brd.c: hunk @@ -97,8 +98,17 @@ ends after 4 of 8 old and 4 of 17 "
                                + "new lines: the patch is truncated or damaged"));
    }

    @Test
    void gitStylePatchesKeepTheirHeaders() {
        String body = String.join(
                        "\n",
                        "dax: fix",
                        "",
                        "Signed-off-by: A <a@example.org>",
                        "---",
                        " fs/dax.c | 2 +-",
                        " 1 file changed",
                        "",
                        "diff --git a/fs/dax.c b/fs/dax.c",
                        "index 1234567..89abcde 100644",
                        "--- a/fs/dax.c",
                        "+++ b/fs/dax.c",
                        "@@ -1 +1 @@",
                        "-a",
                        "+b",
                        "diff --git a/fs/old.c b/fs/new.c",
                        "similarity index 100%",
                        "rename from fs/old.c",
                        "rename to fs/new.c",
                        "diff --git a/fs/gone.c b/fs/gone.c",
                        "deleted file mode 100644",
                        "index 1234567..0000000",
                        "--- a/fs/gone.c",
                        "+++ /dev/null",
                        "@@ -1,2 +0,0 @@",
                        "-x",
                        "-",
                        "-- ",
                        "2.1.0")
                + "\n";
        Extracted ex = DiffExtractor.extract(body);
        assertThat(ex.files()).isEqualTo(3);
        assertThat(ex.problems()).isEmpty();
        assertThat(ex.description()).isEqualTo("dax: fix\n\nSigned-off-by: A <a@example.org>\n");
        assertThat(ex.patch()).endsWith("@@ -1,2 +0,0 @@\n-x\n-\n").contains("rename to fs/new.c\n");
    }

    @Test
    void traditionalNewFileWithTimestamps() {
        String body = "--- /dev/null\t2007-12-04 06:00:00.000000000 +0100\n"
                + "+++ linux-2.6/fs/ext2/xip.h\t2007-12-04 06:00:00.000000000 +0100\n"
                + "@@ -0,0 +1,2 @@\n+#ifndef X\n+#endif\n";
        Extracted ex = DiffExtractor.extract(body);
        assertThat(ex.patch())
                .isEqualTo("diff --git a/fs/ext2/xip.h b/fs/ext2/xip.h\n"
                        + "new file mode 100644\n--- /dev/null\n+++ b/fs/ext2/xip.h\n"
                        + "@@ -0,0 +1,2 @@\n+#ifndef X\n+#endif\n");
        assertThat(Files.exists(Fixtures.series("seed004-xip.mbox"))).isTrue();
    }
}

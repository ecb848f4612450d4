package dev.daxspec.series.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daxspec.series.mail.Mailbox.Contents;
import dev.daxspec.series.mail.Mailbox.Format;
import dev.daxspec.series.testing.Fixtures;
import org.junit.jupiter.api.Test;

class MailboxTest {

    @Test
    void seedMboxSplitsIntoFiveMessages() throws Exception {
        Contents c = Mailbox.read(Fixtures.series("seed004-xip.mbox"));
        assertThat(c.format()).isEqualTo(Format.MBOX);
        assertThat(c.messages())
                .extracting(m -> m.header("Subject").orElseThrow())
                .containsExactly(
                        "[patch] ext2: XIP blocksize check",
                        "[patch] mm: fix XIP file writes",
                        "Re: [patch] brd: support XIP",
                        "Re: [patch] ext2: XIP blocksize check",
                        "Re: [patch] mm: fix XIP file writes");
        MailMessage fix = c.messages().get(1);
        assertThat(fix.number()).isEqualTo(2);
        assertThat(fix.line()).isEqualTo(33);
        assertThat(fix.bodyLine()).isEqualTo(39);
        assertThat(fix.body()).startsWith("Here we go. See, brd already found a bug ;)\n");
        assertThat(fix.body()).endsWith("--\n");
    }

    @Test
    void mboxrdUnescapingAndSeparators() {
        String mbox = """
                From a@example.org Mon Jan  1 00:00:00 2001
                From: A <a@example.org>
                Subject: one

                >From my (fairly limited) knowledge of XFS
                >>From is unescaped once
                From inside a paragraph is not a separator

                From b@example.org Mon Jan  1 00:00:00 2001
                From: B <b@example.org>
                Subject: two

                body two
                """;
        Contents c = Mailbox.parse(mbox);
        assertThat(c.messages()).hasSize(2);
        assertThat(c.messages().get(0).body()).isEqualTo("""
                From my (fairly limited) knowledge of XFS
                >From is unescaped once
                From inside a paragraph is not a separator
                """);
        assertThat(c.messages().get(1).body()).isEqualTo("body two\n");
    }

    /** Seed 000's Cc header was unfolded by the archive: its second line has no leading space. */
    @Test
    void singleMessageWithArchiveUnfoldedHeader() throws Exception {
        Contents c = Mailbox.read(Fixtures.series("seed000-reply-quotes-patch.eml"));
        assertThat(c.format()).isEqualTo(Format.MESSAGE);
        MailMessage m = c.messages().get(0);
        assertThat(m.header("cc"))
                .contains("Matthew Wilcox <matthew.r.wilcox@...el.com>, "
                        + "linux-ext4@...r.kernel.org, linux-fsdevel@...r.kernel.org");
        assertThat(m.header("Subject")).contains("Re: [PATCH v3 0/3] Add XIP support to ext4");
        assertThat(m.header("Message-ID")).contains("<20131223041447.GG3220@dastard>");
        assertThat(m.body()).startsWith("On Fri, Dec 20, 2013 at 09:45:30AM -0700, Matthew Wilcox wrote:");
    }

    @Test
    void barePatchHasNoHeaders() throws Exception {
        Contents c = Mailbox.read(Fixtures.series("ext2-xip-blocksize.patch"));
        assertThat(c.format()).isEqualTo(Format.BARE_PATCH);
        assertThat(c.messages().get(0).headers()).isEmpty();
        Contents quilt = Mailbox.parse("Index: linux-2.6/mm/x.c\n====\n--- a/x\n+++ b/x\n");
        assertThat(quilt.format()).as("Index: is not a mail header").isEqualTo(Format.BARE_PATCH);
    }

    @Test
    void encodingsAndMultipart() {
        String qp = """
                From: =?UTF-8?Q?J=C3=B6rg_R=C3=B6del?= <j@example.org>
                Subject: =?utf-8?B?W1BBVENIXSBkYXg6IGZpeA==?=
                 =?utf-8?Q?_the_fault?=
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                caf=C3=A9 line with a soft=
                 break
                """;
        MailMessage m = Mailbox.parse(qp).messages().get(0);
        assertThat(m.header("From")).contains("Jörg Rödel <j@example.org>");
        assertThat(m.header("Subject")).contains("[PATCH] dax: fix the fault");
        assertThat(m.body()).isEqualTo("café line with a soft break\n");
        String multipart = """
                From: A <a@example.org>
                Subject: [PATCH] attach
                Content-Type: multipart/mixed; boundary="XX"

                preamble
                --XX
                Content-Type: text/plain

                the changelog
                --XX
                Content-Type: image/png
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --XX
                Content-Type: text/x-patch; name="a.patch"
                Content-Transfer-Encoding: base64

                ZGlmZiAtLWdpdCBhL3ggYi94Cg==
                --XX--
                """;
        assertThat(Mailbox.parse(multipart).messages().get(0).body()).isEqualTo("the changelog\ndiff --git a/x b/x\n");
    }
}

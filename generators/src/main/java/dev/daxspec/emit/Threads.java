package dev.daxspec.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public mailing-list threads the rules come from (docs/threads.md), as emitted text
 * and the report cite them: author, subject, list, date and, where known, the Message-ID
 * and so the lore link. Features and cases name a thread by its internal number
 * ({@code @seed:NNN}); nothing emitted does.
 */
public final class Threads {

    /**
     * One thread as docs/threads.md cites it.
     *
     * @param number the internal number, {@code 004}
     * @param author the author of the message cited
     * @param subject the subject, or a description where the archived copy has none
     * @param subjectKnown whether {@code subject} is the mail's own subject line
     * @param list the mailing list
     * @param date the date, as precise as is known
     * @param messageId the Message-ID without angle brackets, empty when not known
     */
    public record MailThread(
            String number,
            String author,
            String subject,
            boolean subjectKnown,
            String list,
            String date,
            String messageId) {

        /** The message on lore.kernel.org by its Message-ID; empty when the Message-ID is not known. */
        public String lore() {
            return messageId.isEmpty() ? "" : "https://lore.kernel.org/r/" + messageId;
        }

        /** {@code author, "subject", list, date[, lore link]}: how a test header or a deviation cites it. */
        public String citation() {
            return author + ", " + (subjectKnown ? "\"" + subject + "\"" : subject) + ", " + list + ", " + date
                    + (messageId.isEmpty() ? "" : ", " + lore());
        }
    }

    private static final Map<String, MailThread> THREADS = Map.of(
            "000",
                    new MailThread(
                            "000",
                            "Dave Chinner",
                            "Re: [PATCH v3 0/3] Add XIP support to ext4",
                            true,
                            "linux-ext4",
                            "23 Dec 2013",
                            "20131223041447.GG3220@dastard"),
            "001",
                    new MailThread(
                            "001",
                            "Jan Kara",
                            "[RFC PATCH 0/7] dax, ext4: Synchronous page faults",
                            true,
                            "linux-ext4",
                            "2017",
                            ""),
            "002",
                    new MailThread(
                            "002",
                            "Ross Zwisler",
                            "reply to Christoph Hellwig's iomap-based DAX code (25 Aug 2016)",
                            false,
                            "linux-ext4",
                            "August 2016",
                            ""),
            "003",
                    new MailThread(
                            "003",
                            "Nick Piggin",
                            "Re: [RFC] new ->perform_write fop",
                            true,
                            "linux-kernel",
                            "23 May 2010",
                            ""),
            "004",
                    new MailThread(
                            "004",
                            "Nick Piggin",
                            "Re: [patch] mm: fix XIP file writes",
                            true,
                            "linux-kernel",
                            "3-4 Dec 2007",
                            ""));

    private Threads() {}

    /**
     * Thread {@code number} ({@code "004"}).
     *
     * @throws IllegalArgumentException when docs/threads.md lists no such thread
     */
    public static MailThread of(String number) {
        MailThread t = THREADS.get(number);
        if (t == null) {
            throw new IllegalArgumentException("no thread " + number + " in docs/threads.md");
        }
        return t;
    }

    /**
     * The citation of thread {@code number} ({@code "004"}).
     *
     * @throws IllegalArgumentException when docs/threads.md lists no such thread
     */
    public static String cite(String number) {
        return of(number).citation();
    }

    /**
     * What a test's header says of its tags: {@code Rule: B1} for the rules ({@code @B1},
     * {@code @rule:B1}), {@code Thread:
     * CITATION} per thread, then {@code Tags:} with the tags left, if any. The kernel
     * functions a scenario guards ({@code @touches:}) are for daxspec series, not the header.
     */
    static List<String> headerLines(List<String> tags) {
        List<String> rules = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String t : tags) {
            if (t.matches("@(rule:)?B[0-9]+")) {
                rules.add(t.substring(t.indexOf('B')));
            } else if (t.startsWith("@seed:")) {
                lines.add("Thread: " + cite(t.substring("@seed:".length())));
            } else if (!t.startsWith("@touches:")) {
                rest.add(t);
            }
        }
        if (!rules.isEmpty()) {
            lines.add(0, "Rule: " + String.join(", ", rules) + " (daxspec's docs/DESIGN.md)");
        }
        if (!rest.isEmpty()) {
            lines.add("Tags: " + String.join(" ", rest));
        }
        return lines;
    }
}

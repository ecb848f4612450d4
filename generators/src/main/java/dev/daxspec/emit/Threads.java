package dev.daxspec.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public mailing-list threads the rules come from (docs/threads.md), as emitted text
 * cites them: author, subject, list, date and, where known, the lore link. Features and
 * cases name a thread by its internal number ({@code @seed:NNN}); nothing emitted does.
 */
public final class Threads {

    private static final Map<String, String> CITATIONS = Map.of(
            "000", "Dave Chinner, \"Re: [PATCH v3 0/3] Add XIP support to ext4\", linux-ext4,"
                    + " 23 Dec 2013, https://lore.kernel.org/r/20131223041447.GG3220@dastard",
            "001", "Jan Kara, \"[RFC PATCH 0/7] dax, ext4: Synchronous page faults\", linux-ext4, 2017",
            "002", "Ross Zwisler, reply to Christoph Hellwig's iomap-based DAX code (25 Aug 2016),"
                    + " linux-ext4, August 2016",
            "003", "Nick Piggin, \"Re: [RFC] new ->perform_write fop\", linux-kernel, 23 May 2010",
            "004", "Nick Piggin, \"Re: [patch] mm: fix XIP file writes\", linux-kernel, 3-4 Dec 2007");

    private Threads() {
    }

    /**
     * The citation of thread {@code number} ({@code "004"}).
     *
     * @throws IllegalArgumentException when docs/threads.md lists no such thread
     */
    public static String cite(String number) {
        String c = CITATIONS.get(number);
        if (c == null) {
            throw new IllegalArgumentException("no thread " + number + " in docs/threads.md");
        }
        return c;
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

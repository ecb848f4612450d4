package dev.daxspec.report;

import dev.daxspec.emit.Threads;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A thread of docs/threads.md ({@link Threads}) as the report cites it: author, subject,
 * list and date, the subject linked to the message on lore.kernel.org by its Message-ID;
 * where the Message-ID is not known, to a lore search for the subject, and said so.
 * Stateless.
 */
final class ThreadLink {

    private ThreadLink() {}

    /** The citation as HTML. */
    static String html(String seed) {
        Threads.MailThread t = Threads.of(seed);
        String subject = t.subjectKnown() ? "\u201c" + t.subject() + "\u201d" : t.subject();
        String linked = t.messageId().isEmpty() ? Html.escape(subject) : Html.link(t.lore(), subject);
        String search = !t.messageId().isEmpty()
                ? " &lt;" + Html.escape(t.messageId()) + "&gt;"
                : t.subjectKnown()
                        ? " (Message-ID not known: " + Html.link(search(t.subject()), "search lore") + ")"
                        : " (subject and Message-ID not known)";
        return Html.escape(t.author()) + ", " + linked + ", " + Html.escape(t.list()) + ", " + Html.escape(t.date())
                + search;
    }

    /** Where the report links a variant or a rule's thread: the lore message, else the thread's entry in the index. */
    static String href(String seed, String root) {
        Threads.MailThread t = Threads.of(seed);
        return t.messageId().isEmpty() ? root + "index.html#thread-" + seed : t.lore();
    }

    /** A search of all of lore's lists for a subject. */
    private static String search(String subject) {
        return "https://lore.kernel.org/all/?q=" + URLEncoder.encode("s:\"" + subject + "\"", StandardCharsets.UTF_8);
    }
}

package dev.daxspec.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads trailers from a commit message or a patch mail's description, the
 * way {@code git interpret-trailers} finds them: the last paragraph is the
 * trailer block if all its lines are trailers (continuation lines and the
 * kernel's {@code [ maintainer: note ]} lines allowed), or if at least a
 * quarter are and one of them is a kernel trailer such as Signed-off-by.
 * A message of a single paragraph has its first line, the subject, skipped.
 *
 * <p>Stateless and thread-safe.
 */
public final class Trailers {

    private static final Pattern TRAILER = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*)[ \\t]*:[ \\t]*(\\S.*)");
    private static final Pattern FIXES = Pattern.compile(
            "(?:commit\\s+)?([0-9a-fA-F]{7,64})\\b\\s*(?:\\(\\s*\"(.*)\"\\s*\\)|\\(\\s*(.*?)\\s*\\))?.*");
    private static final Set<String> KERNEL_KEYS = Set.of(
            "signed-off-by",
            "acked-by",
            "reviewed-by",
            "tested-by",
            "reported-by",
            "suggested-by",
            "cc",
            "fixes",
            "link",
            "co-developed-by",
            "closes");

    private Trailers() {}

    /**
     * @param message a commit message, or the description of a patch mail
     *     (the text before its {@code ---} line)
     * @return the trailers of the message's trailer block, in order; empty if
     *     it has none
     */
    public static List<Trailer> parse(String message) {
        List<String> lines =
                new ArrayList<>(message.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int start = lines.size();
        while (start > 0 && !lines.get(start - 1).isBlank()) {
            start--;
        }
        if (start == 0) {
            start = 1; // a single paragraph: its first line is the subject
        }
        List<String> block = lines.subList(Math.min(start, lines.size()), lines.size());
        List<Trailer> out = new ArrayList<>();
        int trailerLines = 0;
        int otherLines = 0;
        boolean kernelKey = false;
        for (String l : block) {
            Matcher m = TRAILER.matcher(l);
            if (m.matches() && !m.group(2).startsWith("//")) {
                out.add(new Trailer(m.group(1), m.group(2).strip()));
                trailerLines++;
                kernelKey |= KERNEL_KEYS.contains(m.group(1).toLowerCase(Locale.ROOT));
            } else if (!out.isEmpty() && (l.startsWith(" ") || l.startsWith("\t"))) {
                Trailer last = out.remove(out.size() - 1);
                out.add(new Trailer(last.key(), last.value() + " " + l.strip()));
            } else if (l.startsWith("[") && l.endsWith("]")) {
                continue; // [ akpm: coding-style fixes ]
            } else {
                otherLines++;
            }
        }
        if (trailerLines == 0) {
            return List.of();
        }
        if (otherLines > 0 && !(kernelKey && trailerLines * 4 >= trailerLines + otherLines)) {
            return List.of();
        }
        return List.copyOf(out);
    }

    /**
     * @param trailers trailers as {@link #parse} returns them
     * @return the {@code Fixes:} trailers whose value starts with a commit id,
     *     parsed, unresolved
     */
    public static List<FixesRef> fixes(List<Trailer> trailers) {
        List<FixesRef> out = new ArrayList<>();
        for (Trailer t : trailers) {
            if (!t.is("Fixes")) {
                continue;
            }
            Optional<FixesRef> f = parseFixes(t.value());
            f.ifPresent(out::add);
        }
        return out;
    }

    /**
     * @param value the value of a {@code Fixes:} trailer, such as
     *     {@code 4a9e5ef1f4f1 ("mm: write iovec cleanup")}
     * @return the id and subject, if the value starts with a commit id
     */
    public static Optional<FixesRef> parseFixes(String value) {
        Matcher m = FIXES.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String subject = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "";
        return Optional.of(new FixesRef(m.group(1).toLowerCase(Locale.ROOT), subject, Optional.empty()));
    }
}

package dev.daxspec.series.mail;

import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads patch mail: an mbox (messages separated by {@code From } lines, with
 * {@code >From } unescaped as mboxrd does), a single message ({@code .eml}),
 * or a bare patch file with no mail headers at all.
 *
 * <p>Bodies are decoded: quoted-printable and base64 transfer encodings, the
 * declared charset (UTF-8 when none, Latin-1 when UTF-8 does not decode), and
 * for multipart messages the {@code text/plain} parts and patch attachments
 * ({@code text/x-patch}, {@code text/x-diff}) joined in order. Header fields
 * are unfolded and RFC 2047 encoded words decoded.
 *
 * <p>Stateless and thread-safe.
 */
public final class Mailbox {

    /** What a file turned out to be. */
    public enum Format {
        /** Several messages separated by {@code From } lines. */
        MBOX,
        /** One message with headers. */
        MESSAGE,
        /** No mail headers: a patch file. */
        BARE_PATCH
    }

    /**
     * The messages of a file.
     *
     * @param format what the file is
     * @param messages its messages, in file order
     */
    public record Contents(Format format, List<MailMessage> messages) {
        /** Copies the list. */
        public Contents {
            messages = List.copyOf(messages);
        }
    }

    private static final Pattern FIELD = Pattern.compile("([!-9;-~]+)[ \\t]*:[ \\t]?(.*)");
    private static final Pattern FROM_LINE = Pattern.compile(
            "From \\S+\\s+\\w{3} \\w{3} +\\d{1,2} \\d{1,2}:\\d{2}(:\\d{2})? .*\\d{4}.*");
    private static final Pattern ENCODED_WORD =
            Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");
    private static final List<String> MAIL_HEADERS =
            List.of("from", "subject", "date", "message-id", "to");

    private Mailbox() {
    }

    /**
     * @param file an mbox, a message or a patch file
     * @return its messages
     * @throws SeriesException if the file cannot be read
     */
    public static Contents read(Path file) throws SeriesException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SeriesException(Problem.UNREADABLE, "cannot read " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return parse(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /**
     * @param raw the file's bytes as ISO-8859-1 characters (one char a byte)
     * @return its messages
     */
    public static Contents parse(String raw) {
        List<String> lines = raw.lines().toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first < lines.size() && lines.get(first).startsWith("From ")) {
            return new Contents(Format.MBOX, splitMbox(lines, first));
        }
        if (looksLikeHeaders(lines, first)) {
            return new Contents(Format.MESSAGE,
                    List.of(message(1, first + 1, lines.subList(first, lines.size()))));
        }
        String body = decodeText(String.join("\n", lines) + "\n", null);
        return new Contents(Format.BARE_PATCH, List.of(new MailMessage(1, 1, List.of(), body, 1)));
    }

    private static List<MailMessage> splitMbox(List<String> lines, int first) {
        List<MailMessage> out = new ArrayList<>();
        int start = -1;
        for (int i = first; i <= lines.size(); i++) {
            boolean sep = i == lines.size() || isSeparator(lines, i, first);
            if (!sep) {
                continue;
            }
            if (start >= 0) {
                int end = i;
                if (end > start + 1 && i < lines.size() && lines.get(end - 1).isEmpty()) {
                    end--; // the blank line mbox puts before the next From
                }
                List<String> msg = new ArrayList<>();
                for (String l : lines.subList(start + 1, end)) {
                    msg.add(l.matches(">+From .*") ? l.substring(1) : l);
                }
                out.add(message(out.size() + 1, start + 2, msg));
            }
            start = i;
        }
        return out;
    }

    /**
     * A header block is a run of fields up to the first empty line, one of
     * them a mail field (From, Subject, Date, Message-ID, To). Lines that are
     * not fields continue the previous field even without leading
     * whitespace: web archives unfold headers that way.
     */
    /**
     * A {@code From } line separates messages if it is the first line, or
     * follows an empty line, or has the date of a From_ line (as git
     * mailsplit accepts); and in any case the next line is a header field. A
     * body line that starts with "From " after a blank line (an unescaped
     * mboxo body) is therefore not a separator.
     */
    private static boolean isSeparator(List<String> lines, int i, int first) {
        String l = lines.get(i);
        if (!l.startsWith("From ")) {
            return false;
        }
        if (i != first && !lines.get(i - 1).isEmpty() && !FROM_LINE.matcher(l).matches()) {
            return false;
        }
        return i + 1 < lines.size() && FIELD.matcher(lines.get(i + 1)).matches();
    }

    private static boolean looksLikeHeaders(List<String> lines, int first) {
        boolean mailField = false;
        for (int i = first; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty()) {
                return mailField;
            }
            Matcher m = FIELD.matcher(l);
            if (m.matches()) {
                mailField |= MAIL_HEADERS.contains(m.group(1).toLowerCase(Locale.ROOT));
            } else if (i == first) {
                return false;
            }
        }
        return mailField;
    }

    private static MailMessage message(int number, int line, List<String> lines) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int i = 0;
        StringBuilder cur = null;
        String name = null;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty()) {
                i++;
                break;
            }
            Matcher m = FIELD.matcher(l);
            boolean continuation = l.startsWith(" ") || l.startsWith("\t") || !m.matches();
            if (continuation && cur != null) {
                cur.append(' ').append(l.strip());
                continue;
            }
            if (!m.matches()) {
                break; // not a header: the body starts here
            }
            if (name != null) {
                headers.add(new SimpleImmutableEntry<>(name, decodeWords(cur.toString().strip())));
            }
            name = m.group(1);
            cur = new StringBuilder(m.group(2));
        }
        if (name != null) {
            headers.add(new SimpleImmutableEntry<>(name, decodeWords(cur.toString().strip())));
        }
        String raw = String.join("\n", lines.subList(Math.min(i, lines.size()), lines.size()));
        String body = body(headers, raw.isEmpty() ? "" : raw + "\n");
        return new MailMessage(number, line, headers, body, line + i);
    }

    private static String header(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return "";
    }

    /** Decodes a body given its headers; recurses into multipart bodies. */
    private static String body(List<Map.Entry<String, String>> headers, String raw) {
        String type = header(headers, "Content-Type");
        String mime = type.isEmpty() ? "text/plain"
                : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mime.startsWith("multipart/")) {
            String boundary = param(type, "boundary");
            if (boundary == null) {
                return raw;
            }
            StringBuilder out = new StringBuilder();
            for (String part : parts(raw, boundary)) {
                List<String> pl = part.lines().toList();
                List<Map.Entry<String, String>> ph = new ArrayList<>();
                int k = 0;
                for (; k < pl.size() && !pl.get(k).isEmpty(); k++) {
                    Matcher m = FIELD.matcher(pl.get(k));
                    if (m.matches()) {
                        ph.add(new SimpleImmutableEntry<>(m.group(1), m.group(2).strip()));
                    } else if (!ph.isEmpty()) {
                        Map.Entry<String, String> last = ph.remove(ph.size() - 1);
                        ph.add(new SimpleImmutableEntry<>(last.getKey(),
                                last.getValue() + " " + pl.get(k).strip()));
                    }
                }
                String pt = header(ph, "Content-Type").toLowerCase(Locale.ROOT);
                String pmime = pt.isEmpty() ? "text/plain" : pt.split(";", 2)[0].strip();
                if (pmime.startsWith("multipart/") || pmime.equals("text/plain")
                        || pmime.equals("text/x-patch") || pmime.equals("text/x-diff")
                        || pmime.equals("application/x-patch")) {
                    String inner = String.join("\n", pl.subList(Math.min(k + 1, pl.size()), pl.size()));
                    out.append(body(ph, inner.isEmpty() ? "" : inner + "\n"));
                }
            }
            return out.toString();
        }
        String cte = header(headers, "Content-Transfer-Encoding").strip().toLowerCase(Locale.ROOT);
        byte[] bytes = switch (cte) {
            case "quoted-printable" -> quotedPrintable(raw);
            case "base64" -> Base64.getMimeDecoder().decode(raw.strip());
            default -> raw.getBytes(StandardCharsets.ISO_8859_1);
        };
        return decodeText(new String(bytes, StandardCharsets.ISO_8859_1), param(type, "charset"));
    }

    private static List<String> parts(String raw, String boundary) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = null;
        for (String l : raw.lines().toList()) {
            if (l.startsWith("--" + boundary)) {
                if (cur != null) {
                    parts.add(cur.toString());
                }
                if (l.startsWith("--" + boundary + "--")) {
                    return parts;
                }
                cur = new StringBuilder();
                continue;
            }
            if (cur != null) {
                cur.append(l).append('\n');
            }
        }
        if (cur != null) {
            parts.add(cur.toString());
        }
        return parts;
    }

    private static String param(String type, String name) {
        Matcher m = Pattern.compile(";\\s*" + name + "\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)",
                Pattern.CASE_INSENSITIVE).matcher(type);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static byte[] quotedPrintable(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        List<String> lines = raw.lines().toList();
        for (int li = 0; li < lines.size(); li++) {
            String l = lines.get(li);
            boolean soft = l.endsWith("=");
            if (soft) {
                l = l.substring(0, l.length() - 1);
            }
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (c == '=' && i + 2 < l.length() && isHex(l.charAt(i + 1)) && isHex(l.charAt(i + 2))) {
                    out.write(Integer.parseInt(l.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c & 0xff);
                }
            }
            if (!soft) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /**
     * @param latin1 bytes as ISO-8859-1 characters
     * @param charset the declared charset, or null
     * @return the text in the declared charset, UTF-8 by default, Latin-1 if
     *     the bytes are not valid in it
     */
    static String decodeText(String latin1, String charset) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        Charset cs = StandardCharsets.UTF_8;
        if (charset != null) {
            try {
                cs = Charset.forName(charset.strip());
            } catch (IllegalArgumentException e) {
                cs = StandardCharsets.UTF_8;
            }
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    /** Decodes RFC 2047 encoded words; whitespace between two encoded words disappears. */
    static String decodeWords(String value) {
        String v = decodeText(value, null);
        if (!v.contains("=?")) {
            return v;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = ENCODED_WORD.matcher(v);
        int last = 0;
        boolean prevEncoded = false;
        while (m.find()) {
            String between = v.substring(last, m.start());
            if (!(prevEncoded && between.isBlank())) {
                out.append(between);
            }
            Charset cs;
            try {
                cs = Charset.forName(m.group(1).split("\\*", 2)[0]);
            } catch (IllegalArgumentException e) {
                cs = StandardCharsets.UTF_8;
            }
            byte[] bytes;
            if (m.group(2).equalsIgnoreCase("B")) {
                try {
                    bytes = Base64.getDecoder().decode(m.group(3));
                } catch (IllegalArgumentException e) {
                    bytes = m.group(0).getBytes(StandardCharsets.ISO_8859_1);
                }
            } else {
                bytes = quotedPrintable(m.group(3).replace('_', ' '));
                if (bytes.length > 0 && bytes[bytes.length - 1] == '\n') {
                    bytes = Arrays.copyOf(bytes, bytes.length - 1);
                }
            }
            out.append(new String(bytes, cs));
            last = m.end();
            prevEncoded = true;
        }
        out.append(v.substring(last));
        return out.toString();
    }
}

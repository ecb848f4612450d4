package dev.daxspec.series.mail;

import dev.daxspec.series.SeriesException;
import dev.daxspec.series.SeriesException.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.FieldName;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads patch mail: an mbox (messages separated by {@code From } lines, with
 * {@code >From } unescaped as mboxrd does), a single message ({@code .eml}),
 * or a bare patch file with no mail headers at all.
 *
 * <p>Bodies are decoded by Apache James mime4j: quoted-printable and base64
 * transfer encodings, and for multipart messages the {@code text/plain} parts
 * and patch attachments ({@code text/x-patch}, {@code text/x-diff}) joined in
 * order; then the declared charset (UTF-8 when none, Latin-1 when UTF-8 does
 * not decode). Header fields are unfolded and RFC 2047 encoded words decoded
 * (mime4j's {@code DecoderUtil}).
 *
 * <p>The mbox is split, and each message's header block read, here, not by
 * mime4j: its core and DOM parse one message, and its mbox reader is a module
 * of its own (apache-mime4j-mbox-iterator, not a dependency) that splits at a
 * From-line pattern; this splitter follows {@code git mailsplit} (the
 * {@code From <sha> Mon Sep 17 00:00:00 2001} lines of {@code git
 * format-patch}, mboxrd's {@code >From}), keeps each message's line in the
 * file, so that a damaged patch is named by its line, and reads the headers
 * web archives unfold without leading whitespace.
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
    private static final Pattern FROM_LINE =
            Pattern.compile("From \\S+\\s+\\w{3} \\w{3} +\\d{1,2} \\d{1,2}:\\d{2}(:\\d{2})? .*\\d{4}.*");
    private static final List<String> MAIL_HEADERS = List.of("from", "subject", "date", "message-id", "to");

    private Mailbox() {}

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
            throw new SeriesException(
                    Problem.UNREADABLE,
                    "cannot read " + file + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
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
            return new Contents(Format.MESSAGE, List.of(message(1, first + 1, lines.subList(first, lines.size()))));
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
                headers.add(new SimpleImmutableEntry<>(
                        name, decodeWords(cur.toString().strip())));
            }
            name = m.group(1);
            cur = new StringBuilder(m.group(2));
        }
        if (name != null) {
            headers.add(
                    new SimpleImmutableEntry<>(name, decodeWords(cur.toString().strip())));
        }
        String raw = String.join("\n", lines.subList(Math.min(i, lines.size()), lines.size()));
        String body = body(headers, raw.isEmpty() ? "" : raw + "\n");
        return new MailMessage(number, line, headers, body, line + i);
    }

    /** The header fields MIME decoding depends on; the others stay out of what mime4j parses. */
    private static final List<String> MIME_FIELDS =
            List.of("mime-version", "content-type", "content-transfer-encoding");

    /** Text parts of a multipart body that are read: the message's text and inline patches. */
    private static final List<String> TEXT_TYPES =
            List.of("text/plain", "text/x-patch", "text/x-diff", "application/x-patch");

    /**
     * Decodes a body given its headers, with Apache James mime4j: transfer encodings
     * (quoted-printable, base64) and multipart bodies, whose text parts and patch attachments
     * are joined in order. Permissive: a malformed body is read as far as it goes.
     */
    private static String body(List<Map.Entry<String, String>> headers, String raw) {
        StringBuilder entity = new StringBuilder();
        for (Map.Entry<String, String> h : headers) {
            if (MIME_FIELDS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                entity.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        entity.append("\r\n").append(raw);
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        Message m = null;
        try {
            m = builder.parseMessage(new ByteArrayInputStream(entity.toString().getBytes(StandardCharsets.ISO_8859_1)));
            StringBuilder out = new StringBuilder();
            text(m, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a message held in memory", e);
        } finally {
            if (m != null) {
                m.dispose();
            }
        }
    }

    /** Appends the decoded text of {@code e}: of a text part, or of each wanted part of a multipart. */
    private static void text(Entity e, StringBuilder out) throws IOException {
        if (e.getBody() instanceof Multipart mp) {
            for (Entity part : mp.getBodyParts()) {
                String type = part.getMimeType().toLowerCase(Locale.ROOT);
                if (type.startsWith("multipart/") || TEXT_TYPES.contains(type)) {
                    text(part, out);
                }
            }
        } else if (e.getBody() instanceof SingleBody b) {
            byte[] bytes;
            try (InputStream in = b.getInputStream()) {
                bytes = in.readAllBytes();
            }
            ContentTypeField type = (ContentTypeField) e.getHeader().getField(FieldName.CONTENT_TYPE);
            String decoded =
                    decodeText(new String(bytes, StandardCharsets.ISO_8859_1), type == null ? null : type.getCharset());
            // mail lines end in CRLF on the wire, the patch's in LF; the line break before a
            // MIME boundary is the boundary's (RFC 2046 5.1.1), so the part's last line gets one
            out.append(decoded.replace("\r\n", "\n"));
            if (!decoded.isEmpty() && !decoded.endsWith("\n")) {
                out.append('\n');
            }
        }
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
            return cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    /**
     * Decodes a header value: raw UTF-8 bytes, then RFC 2047 encoded words (mime4j's
     * {@link DecoderUtil}; whitespace between two encoded words disappears).
     */
    static String decodeWords(String value) {
        return DecoderUtil.decodeEncodedWords(decodeText(value, null), DecodeMonitor.SILENT);
    }
}

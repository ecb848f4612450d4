package dev.daxspec.series.mail;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a mailbox: its headers (unfolded, RFC 2047 words decoded)
 * and its text body (transfer encoding and charset decoded; for a multipart
 * message, its text parts and inline patch attachments joined).
 *
 * @param number the message's position in the file, 1 for the first
 * @param line the line of the file where the message starts
 * @param headers the header fields in order, names as written
 * @param body the decoded text body
 * @param bodyLine the line of the file where the body starts (exact for
 *     plain 7bit/8bit bodies)
 */
public record MailMessage(int number, int line, List<Map.Entry<String, String>> headers, String body, int bodyLine) {

    /** Validates the record. */
    public MailMessage {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /**
     * @param name a header name, any case
     * @return the first value of that header
     */
    public Optional<String> header(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}

package dev.daxspec.run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Decodes the lines the guest init writes to its result port ({@code /dev/ttyS1}).
 *
 * <p>Frames are lines starting with {@code DAXSPEC }; the output and kernel log of a phase follow
 * their {@code OUTPUT}/{@code KLOG} frame as base64 lines of gzip'd text, which can never start
 * with {@code DAXSPEC } (base64 has no space), or no lines for an empty text; gzip's trailer
 * holds the text's length and CRC, so a truncated or garbled block is caught. One decoder reads
 * one boot's port; not thread-safe.
 */
final class SignalDecoder {

    private static final Pattern FRAME = Pattern.compile("DAXSPEC ([A-Z]+)(?: (.*))?");
    private static final Pattern FIELD = Pattern.compile("([a-z-]+)=(\\S*)");

    private final StringBuilder block = new StringBuilder();
    private String blockKind;
    private String output;
    private String kernelLog;

    /**
     * Reads one line (without its line terminator).
     *
     * @return the signal the line completes, if any
     * @throws VmException when the line breaks the protocol
     */
    Optional<GuestSignal> accept(String line) {
        Matcher frame = FRAME.matcher(line);
        if (!frame.matches()) {
            if (blockKind == null) {
                throw new VmException("unexpected line on the guest's result port: " + line);
            }
            block.append(line);
            return Optional.empty();
        }
        closeBlock();
        String kind = frame.group(1);
        String rest = frame.group(2) == null ? "" : frame.group(2);
        if (kind.equals("FATAL")) {
            return Optional.of(new GuestSignal.Fatal(rest));
        }
        Map<String, String> fields = fields(rest);
        switch (kind) {
            case "READY":
                return Optional.of(new GuestSignal.Ready(seconds(fields.get("uptime"))));
            case "WANT":
                return Optional.of(new GuestSignal.Want());
            case "BEGIN":
                output = null;
                kernelLog = null;
                return Optional.of(new GuestSignal.Begin(number(fields, "job"), number(fields, "phase")));
            case "OUTPUT":
            case "KLOG":
                blockKind = kind;
                return Optional.empty();
            case "END":
                if (output == null || kernelLog == null) {
                    throw new VmException("the guest ended a phase without its output and kernel log");
                }
                GuestPhaseResult result = new GuestPhaseResult(output, number(fields, "status"), kernelLog);
                return Optional.of(new GuestSignal.End(
                        number(fields, "job"), number(fields, "phase"), result, number(fields, "kernel-error") != 0));
            default:
                throw new VmException("unknown frame on the guest's result port: " + line);
        }
    }

    private void closeBlock() {
        if (blockKind == null) {
            return;
        }
        byte[] bytes;
        if (block.length() == 0) {
            // The guest sends no lines for an empty text.
            bytes = new byte[0];
        } else {
            // gzip's trailer holds the text's length and CRC: a block that lost or garbled
            // lines does not decompress.
            try (InputStream in = new GZIPInputStream(
                    new ByteArrayInputStream(Base64.getMimeDecoder().decode(block.toString())))) {
                bytes = in.readAllBytes();
            } catch (IllegalArgumentException | IOException e) {
                throw new VmException("the guest sent a corrupt " + blockKind + " block: " + e.getMessage(), e);
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (blockKind.equals("OUTPUT")) {
            output = text;
        } else {
            kernelLog = KernelLog.withoutTimestamps(text);
        }
        blockKind = null;
        block.setLength(0);
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = FIELD.matcher(text);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        return fields;
    }

    private static int number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new VmException("the guest sent a frame without a number " + name + "=: " + fields, e);
        }
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NullPointerException | NumberFormatException e) {
            throw new VmException("the guest sent a READY frame without its uptime", e);
        }
    }
}

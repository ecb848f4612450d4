package dev.daxspec.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The host's end of a guest's job port (ttyS2): the Unix socket qemu listens on. The guest asks
 * for work with {@code DAXSPEC WANT} on its result port, and only then does the host write one
 * request:
 *
 * <pre>
 * PHASE J K LAST BYTES      then a line of BYTES of base64 of the gzip'd script
 * QUIT                      power off
 * </pre>
 *
 * <p>J is the job's number in its run, K the phase's, LAST 1 for a job's last phase. After any
 * other phase's {@code END} the guest waits for one of these:
 *
 * <pre>
 * CRASH                     crash (sysrq b, no sync)
 * RESET                     crash in place: unmount, then ask for work
 * RESET brd                 the same, and load brd again (empty) before asking
 * </pre>
 *
 * <p>Because nothing is sent unasked, the port never holds bytes the guest has not read when it
 * resets. Not thread-safe.
 */
final class JobPort implements AutoCloseable {

    private final SocketChannel channel;

    private JobPort(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Connects to the socket at {@code path}, which qemu creates soon after it starts.
     *
     * @return the port, or empty when the socket is not there (yet)
     */
    static Optional<JobPort> connect(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
                return Optional.of(new JobPort(channel));
            } catch (IOException e) {
                channel.close();
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Sends phase {@code phase} of job {@code job}, {@code script}. */
    void sendPhase(int job, int phase, boolean last, String script) throws IOException {
        String body = encode(script);
        write("PHASE " + job + " " + phase + " " + (last ? 1 : 0) + " " + body.length() + "\n" + body + "\n");
    }

    /** Tells the guest, which ended a phase that is not its job's last, to crash. */
    void sendCrash() throws IOException {
        write("CRASH\n");
    }

    /**
     * Tells the guest, which ended a phase that is not its job's last, to crash in place: to put
     * its mounts behind it, and brd too where {@code emptyBrd}, and ask for work ({@link
     * VmOptions#crashesInPlace()}).
     */
    void sendReset(boolean emptyBrd) throws IOException {
        write(emptyBrd ? "RESET brd\n" : "RESET\n");
    }

    /** Tells the guest to power off. */
    void sendQuit() throws IOException {
        write("QUIT\n");
    }

    /** A script as the guest reads it: base64 of its gzip'd bytes, on one line. */
    static String encode(String script) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(script.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(zipped.toByteArray());
    }

    private void write(String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the socket goes with qemu; nothing to tell
        }
    }
}

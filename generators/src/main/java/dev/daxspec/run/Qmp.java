package dev.daxspec.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The host's end of a qemu's QMP monitor (a Unix socket qemu listens on, {@code -qmp
 * unix:PATH,server=on,wait=off}): one command at a time, each answered by a return or an error;
 * the asynchronous events qemu interleaves are skipped. Used to save a booted guest and to
 * restore it ({@link Snapshot}). Not thread-safe.
 */
final class Qmp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketChannel channel;
    private final BufferedReader in;

    private Qmp(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /**
     * Connects to the monitor at {@code path} and leaves capabilities negotiation.
     *
     * @return the monitor, or empty when the socket is not there (yet)
     * @throws IOException when qemu's greeting or its answer to {@code qmp_capabilities} is wrong
     */
    static Optional<Qmp> connect(Path path) throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            channel.close();
            return Optional.empty();
        }
        Qmp qmp = new Qmp(channel);
        try {
            JsonNode greeting = qmp.read();
            if (!greeting.has("QMP")) {
                throw new IOException("qemu's monitor did not greet: " + greeting);
            }
            qmp.execute("qmp_capabilities");
            return Optional.of(qmp);
        } catch (IOException e) {
            qmp.close();
            throw e;
        }
    }

    /** Runs {@code command} without arguments; its return value. */
    JsonNode execute(String command) throws IOException {
        return execute(command, null);
    }

    /**
     * Runs {@code command} with {@code arguments} (null for none).
     *
     * @return what it returned
     * @throws IOException on qemu's error (its description), or when the monitor closed
     */
    JsonNode execute(String command, ObjectNode arguments) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("execute", command);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        while (true) {
            JsonNode answer = read();
            if (answer.has("return")) {
                return answer.get("return");
            }
            if (answer.has("error")) {
                throw new IOException(
                        command + ": " + answer.path("error").path("desc").asText(answer.toString()));
            }
            // an event ({"event": "STOP", ...}): not an answer
        }
    }

    /** A fresh JSON object for a command's arguments. */
    static ObjectNode arguments() {
        return JSON.createObjectNode();
    }

    private JsonNode read() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("qemu's monitor closed");
        }
        return JSON.readTree(line);
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

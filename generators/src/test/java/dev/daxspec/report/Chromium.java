package dev.daxspec.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium (Debian's {@code chromium}) driven through the DevTools protocol over
 * the JDK's own WebSocket client: one browser, one page, commands answered in turn. What the
 * report's browser test and benchmark load pages with. Not thread-safe.
 */
final class Chromium implements AutoCloseable {

    /** How long a command or a page load may take before the browser is called stuck. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final WebSocket socket;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket.Builder builder, URI page) {
        this.process = process;
        this.socket = builder.buildAsync(page, new Listener())
                .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** The browser on the PATH, {@code chromium} or {@code chromium-browser}; empty when there is none. */
    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts {@code exe} headless with a fresh profile in {@code profile}, a window of
     * {@code width} by {@code height}, and connects to its one page.
     */
    static Chromium start(Path exe, Path profile, int width, int height) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                exe.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "about:blank"));
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String ws = null;
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = err.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.startsWith("DevTools listening on ")) {
                    ws = line.substring("DevTools listening on ".length()).strip();
                    break;
                }
            }
            if (ws == null) {
                throw new IOException(exe + " did not start its DevTools server:\n" + seen);
            }
            // keep reading stderr so the browser never blocks on a full pipe
            Thread drain = new Thread(
                    () -> {
                        try {
                            err.transferTo(java.io.Writer.nullWriter());
                        } catch (IOException e) {
                            // the browser is gone
                        }
                    },
                    "chromium-stderr");
            drain.setDaemon(true);
            drain.start();
            URI browser = URI.create(ws);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> list = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list"))
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode pages = new ObjectMapper().readTree(list.body());
            String page = null;
            for (JsonNode t : pages) {
                if (t.path("type").asText().equals("page")) {
                    page = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new IOException(exe + " has no page: " + list.body());
            }
            Chromium c = new Chromium(p, http.newWebSocketBuilder().connectTimeout(TIMEOUT), URI.create(page));
            c.call("Page.enable", null);
            c.call("Runtime.enable", null);
            return c;
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Sends a DevTools command and waits for its result. */
    JsonNode call(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        ObjectNode msg = json.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            msg.set("params", params);
        }
        socket.sendText(json.writeValueAsString(msg), true).join();
        JsonNode r = get(reply, method);
        if (r.has("error")) {
            throw new IOException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    /**
     * Loads {@code url} and waits for its load event.
     *
     * @return the page's own figure of its load, {@code loadEventEnd} of the Navigation Timing
     *     entry, in milliseconds from the start of the navigation
     */
    double load(String url) throws IOException {
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        awaited.put("Page.loadEventFired", loaded);
        call("Page.navigate", json.createObjectNode().put("url", url));
        get(loaded, "the load of " + url);
        return evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                .asDouble();
    }

    /** The value of a JavaScript expression in the page, as JSON. */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode r = call(
                "Runtime.evaluate",
                json.createObjectNode().put("expression", expression).put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IOException(expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the page's viewport. */
    byte[] screenshot() throws IOException {
        return Base64.getDecoder()
                .decode(call("Page.captureScreenshot", json.createObjectNode().put("format", "png"))
                        .path("data")
                        .asText());
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .join();
        } catch (RuntimeException e) {
            // the browser is going anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode get(CompletableFuture<JsonNode> f, String what) throws IOException {
        try {
            return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + what, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("no answer from chromium for " + what + " in " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Reassembles messages, completes replies by id and awaited events by name. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode m = json.readTree(text);
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f =
                                replies.remove(m.get("id").asInt());
                        if (f != null) {
                            f.complete(m);
                        }
                    } else {
                        CompletableFuture<JsonNode> f =
                                awaited.remove(m.path("method").asText());
                        if (f != null) {
                            f.complete(m);
                        }
                    }
                } catch (IOException e) {
                    replies.values().forEach(f -> f.completeExceptionally(e));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            replies.values().forEach(f -> f.completeExceptionally(error));
            awaited.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}

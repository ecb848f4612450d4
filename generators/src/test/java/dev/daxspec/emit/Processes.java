package dev.daxspec.emit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end with given stdin and environment; for the tests of emitted scripts. */
public final class Processes {

    /**
     * How long a program may run before it is taken to hang. Not a speed check: shellcheck over a
     * whole suite takes about 30 s on an idle 2-core machine and was seen past 120 s with a load
     * average of 17, failing a build that had nothing wrong with it.
     */
    private static final long HANG_SECONDS = 900;

    /** What a program did: its exit status and its stdout and stderr, separately. */
    public record Result(int status, String out, String err) {}

    private Processes() {}

    static Result run(List<String> command, String stdin, Map<String, String> env, Path cwd) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(HANG_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " ran longer than " + HANG_SECONDS + " s: it hangs");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(List<String> command, Path cwd) {
        return run(command, "", Map.of(), cwd);
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

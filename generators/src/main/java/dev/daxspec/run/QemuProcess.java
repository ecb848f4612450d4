package dev.daxspec.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running qemu. Its own messages go to a log file. Where util-linux's {@code setpriv} is
 * installed qemu is started under {@code setpriv --pdeathsig KILL}, so it dies with the thread
 * that started it even when the JVM is killed outright. {@link #destroy} may be called from any
 * thread, more than once.
 */
final class QemuProcess {

    private final Process process;
    private final Path log;

    private QemuProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts qemu with {@code arguments} (the first is the program). */
    static QemuProcess start(List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        Optional<Path> setpriv = Executables.find("setpriv");
        if (setpriv.isPresent()) {
            command.addAll(List.of(setpriv.get().toString(), "--pdeathsig", "KILL", "--"));
        }
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return new QemuProcess(process, log);
        } catch (IOException e) {
            throw new VmException("cannot start " + arguments.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** qemu's process id ({@code setpriv} execs qemu in its own process). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status; only once it has exited. */
    int exitValue() {
        return process.exitValue();
    }

    /** Kills qemu and waits for it to go. */
    void destroy() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What qemu itself printed, on one line. */
    String messages() {
        try {
            return String.join(" ", Files.readAllLines(log, StandardCharsets.UTF_8))
                    .strip();
        } catch (IOException e) {
            return "";
        }
    }
}

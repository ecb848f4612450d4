package dev.daxspec.oracle.program;

/**
 * What a program prints, as a shell session would show it: each command on a line
 * starting with {@code $ }, then its output; a command that exits non-zero is followed by
 * {@code exit N}; the kernel log lines of warning level and above that the mount printed
 * follow it as {@code kernel: ...}. This is the interchange format between the oracle,
 * the emitted scripts and the real kernel, after the shared
 * {@link dev.daxspec.oracle.xfsio.TranscriptFilter}.
 */
public final class Transcript {

    private final StringBuilder text = new StringBuilder();

    void command(String line) {
        text.append("$ ").append(line).append('\n');
    }

    void output(String out) {
        text.append(out);
        if (!out.isEmpty() && !out.endsWith("\n")) {
            text.append('\n');
        }
    }

    void kernel(String line) {
        text.append("kernel: ").append(line).append('\n');
    }

    void exit(int status) {
        if (status != 0) {
            text.append("exit ").append(status).append('\n');
        }
    }

    /** A transcript with what this one has printed so far. */
    Transcript copy() {
        Transcript c = new Transcript();
        c.text.append(text);
        return c;
    }

    public String text() {
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}

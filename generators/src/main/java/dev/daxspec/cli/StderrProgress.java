package dev.daxspec.cli;

import dev.daxspec.spec.Progress;
import java.io.PrintWriter;

/**
 * Progress of a long check or generate on stderr: a line when more than
 * {@link #EVERY_NANOS} passed since the last line (or since the first scenario was done),
 * so short runs print nothing. Lines, not carriage returns, so logs stay readable. Not
 * thread-safe.
 */
final class StderrProgress implements Progress {

    /** At most one line per two seconds. */
    static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private long last;
    private boolean started;

    StderrProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void at(String phase, int done, int total) {
        long now = System.nanoTime();
        if (!started) {
            started = true;
            last = now;
            return;
        }
        if (now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        String of = total > 0 ? " of " + total : "";
        String noun = done == 1 && total <= 1 ? " scenario " : " scenarios ";
        err.println("daxspec: " + done + of + noun + phase + "...");
        err.flush();
    }
}

package dev.daxspec.cli;

import dev.daxspec.check.Progress;
import java.io.PrintWriter;

/**
 * Progress of a long check or generate on stderr: a line when a phase has run for more
 * than {@link #EVERY_NANOS} since the last line, so short runs print nothing. Lines, not
 * carriage returns, so logs stay readable. Not thread-safe.
 */
final class StderrProgress implements Progress {

    /** At most one line per two seconds. */
    static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private long last = System.nanoTime();

    StderrProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void at(String phase, int done, int total) {
        long now = System.nanoTime();
        if (now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        err.println("daxspec: " + done + (total > 0 ? " of " + total : "") + " scenarios " + phase + "...");
        err.flush();
    }
}

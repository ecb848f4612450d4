package dev.daxspec.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The signals a test may send a daxspec process it starts, to see it stop cleanly. */
public final class Signals {

    private Signals() {}

    /**
     * INT and TERM, or TERM alone where this JVM ignores SIGINT: a process started in the
     * background by a non-interactive shell ignores SIGINT, its children inherit that, and a JVM
     * that starts with SIGINT ignored keeps it ignored (it installs no handler), so INT could not
     * reach the process under test. Linux only: from {@code SigIgn} in {@code /proc/self/status}.
     */
    public static List<String> toStop() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                BigInteger ignored =
                        new BigInteger(line.substring("SigIgn:".length()).strip(), 16);
                if (ignored.testBit(2 - 1)) {
                    System.out.println("SIGINT is ignored in this JVM (started in the background): sending TERM only");
                    return List.of("TERM");
                }
            }
        }
        return List.of("INT", "TERM");
    }
}

package dev.daxspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The scripts of a written suite, and the checks every emitted script must pass. */
final class Scripts {

    private Scripts() {}

    /** The files under {@code dir} (relative paths) that {@code isScript} accepts, sorted. */
    static List<String> in(Path dir, Predicate<String> isScript) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .filter(isScript)
                    .sorted()
                    .toList();
        }
    }

    /** Each of {@code scripts} (relative to {@code dir}) passes {@code bash -n}, and shellcheck says nothing. */
    static void passBashNAndShellcheck(Path dir, List<String> scripts) {
        for (String s : scripts) {
            Processes.Result n = Processes.run(List.of("bash", "-n", s), dir);
            assertThat(n.status()).as("bash -n " + s + ": " + n.err()).isZero();
        }
        List<String> cmd = new ArrayList<>(List.of("shellcheck"));
        cmd.addAll(scripts);
        Processes.Result r = Processes.run(cmd, dir);
        assertThat(r.out() + r.err()).as("shellcheck in " + dir).isEmpty();
        assertThat(r.status()).isZero();
    }
}

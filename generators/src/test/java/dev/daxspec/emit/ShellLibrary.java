package dev.daxspec.emit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code common/daxspec.sh} of an emitted shell suite, for tests of its functions on their
 * own: a suite of one case is written, and each run sources the library as a test script does,
 * then runs a few lines of bash.
 */
final class ShellLibrary {

    private static final String CASE = "pwrite-unaligned@ext4-pmem-dax=always-4096";

    private final Path suite;

    private ShellLibrary(Path suite) {
        this.suite = suite;
    }

    /** Writes the suite to {@code dir/suite}. */
    static ShellLibrary writeIn(Path dir) throws IOException {
        Path suite = dir.resolve("suite");
        SuiteWriter.write(Cases.named(CASE), Format.SHELL, suite, SuiteOptions.NONE);
        return new ShellLibrary(suite);
    }

    /** The suite's directory. */
    Path suite() {
        return suite;
    }

    /**
     * Runs {@code script} under {@code set -u} after sourcing the library, in {@code dir}, with
     * {@code args} as {@code $1} on and the caller's PATH; {@code env} adds to the environment.
     */
    Processes.Result run(String script, Map<String, String> env, Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                "bash", "-c", "set -u; . \"$0/tests/../common/daxspec.sh\" || exit 4; " + script, suite.toString()));
        cmd.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(env);
        all.put("PATH", System.getenv("PATH"));
        return Processes.run(cmd, "", all, dir);
    }
}

package dev.daxspec.emit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** daxspec's command line, run as a user runs it: in a JVM of its own, on this JVM's class path. */
public final class Cli {

    private Cli() {}

    /** Runs {@code daxspec ARGS} in {@code cwd}, with a file size limit of {@code limitKiB} (none when 0). */
    public static Processes.Result run(List<String> args, int limitKiB, Path cwd) {
        return run(args, limitKiB, Map.of(), cwd);
    }

    /** As {@link #run(List, int, Path)}, with {@code env} added to the environment. */
    public static Processes.Result run(List<String> args, int limitKiB, Map<String, String> env, Path cwd) {
        List<String> cmd = new ArrayList<>(List.of(
                "bash",
                "-c",
                (limitKiB > 0 ? "ulimit -f " + limitKiB + "; trap '' XFSZ; " : "") + "exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.daxspec.cli.Main"));
        cmd.addAll(args);
        return Processes.run(cmd, "", env, cwd);
    }
}

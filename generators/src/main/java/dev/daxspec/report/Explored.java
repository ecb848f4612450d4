package dev.daxspec.report;

import dev.daxspec.explore.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code daxspec explore} run (or {@code explore merge}) wrote to its output
 * directory: its {@code explore.json}, and for each finding the shrunk program
 * ({@code findings/NNN/program.case}) and the whole diff ({@code findings/NNN/diff}).
 * Immutable.
 *
 * @param name the directory as the user named it
 * @param summary its {@code explore.json}
 * @param findings one per entry of the summary, in its order
 */
public record Explored(String name, Summary summary, List<Finding> findings) {

    /**
     * A finding's shrunk program and diff, as explore wrote them.
     *
     * @param entry the summary's entry
     * @param program {@code program.case}, or the entry's program lines where the file is gone
     * @param diff {@code diff}, or the entry's first lines of it where the file is gone
     */
    public record Finding(Summary.Entry entry, String program, String diff) {}

    public Explored {
        findings = List.copyOf(findings);
    }

    /** @throws IOException one line naming the file, when {@code dir} is not explore's output */
    public static Explored read(Path dir) throws IOException {
        Summary s = Summary.read(dir);
        List<Finding> findings = new ArrayList<>();
        for (Summary.Entry e : s.findings()) {
            Path f = dir.resolve("findings").resolve(e.directory());
            findings.add(
                    new Finding(e, text(f.resolve("program.case"), e.program()), text(f.resolve("diff"), e.diff())));
        }
        return new Explored(dir.toString(), s, findings);
    }

    private static String text(Path file, List<String> otherwise) throws IOException {
        return Files.isRegularFile(file)
                ? Files.readString(file)
                : otherwise.stream().map(l -> l + "\n").reduce("", String::concat);
    }
}

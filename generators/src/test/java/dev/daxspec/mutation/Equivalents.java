package dev.daxspec.mutation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code oracle/mutation-equivalents.txt}: the mutants of the oracle that no test can
 * kill because they do not change what the oracle predicts, one a line, as
 * {@code PLACE | PIT'S DESCRIPTION | WHY}, e.g.
 * {@code dev.daxspec.oracle.fs.FileSystem.pwrite:203 | changed conditional boundary | len is never 0 here}.
 * Blank lines and lines starting with {@code #} are comments.
 */
final class Equivalents {

    /** One line of the file. */
    record Entry(Path file, int lineNo, String location, String description, String reason) {

        boolean matches(Mutant m) {
            return m.location().equals(location) && m.description().equals(description);
        }

        @Override
        public String toString() {
            return file + ":" + lineNo + ": " + location + " | " + description;
        }
    }

    private final List<Entry> entries;

    private Equivalents(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @throws IllegalArgumentException naming {@code file:line} of a line not of three fields */
    static Equivalents read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s*\\|\\s*", -1);
            if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": expected PLACE | PIT'S DESCRIPTION | WHY, e.g. "
                        + "dev.daxspec.oracle.fs.FileSystem.pwrite:203 | changed conditional boundary | len > 0 here");
            }
            out.add(new Entry(file, i + 1, f[0], f[1], f[2]));
        }
        return new Equivalents(out);
    }

    boolean contains(Mutant m) {
        return entries.stream().anyMatch(e -> e.matches(m));
    }

    /** The entries that name no mutant of {@code mutants}: the code moved or changed under them. */
    List<Entry> stale(List<Mutant> mutants) {
        return entries.stream()
                .filter(e -> mutants.stream().noneMatch(e::matches))
                .toList();
    }

    /** The entries that name one of {@code killed}, mutants some test kills: not equivalent. */
    List<Entry> killed(List<Mutant> killed) {
        return entries.stream()
                .filter(e -> killed.stream().anyMatch(e::matches))
                .toList();
    }
}

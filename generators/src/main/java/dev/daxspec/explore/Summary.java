package dev.daxspec.explore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one exploration (or a merge of several) found, as {@code OUT/explore.json}: what
 * {@code explore merge} reads back. Immutable.
 *
 * @param backend the backend's one-line description
 * @param release the kernel release
 * @param source what programs ran, and the shards
 * @param programs how many ran
 * @param agreed how many printed what the oracle predicts
 * @param differed how many did not
 * @param flaky differences that did not repeat when run again
 * @param trouble programs the machine failed to run to their end
 * @param skipped enumerated programs the oracle cannot predict, not run
 * @param troubles the first few troubles, one line each
 * @param findings by number
 */
public record Summary(
        String backend,
        String release,
        List<String> source,
        long programs,
        long agreed,
        long differed,
        long flaky,
        long trouble,
        long skipped,
        List<String> troubles,
        List<Entry> findings) {

    static final String FILE = "explore.json";

    /**
     * One finding: its directory under {@code findings/}, and what the report shows of it.
     *
     * @param commands the number of commands of the shrunk program
     * @param program the shrunk program's steps, one per line
     * @param diff the first lines of the unified diff
     * @param known the known deviation's name and rule, empty for a new finding
     */
    public record Entry(
            String directory,
            String status,
            String signature,
            String known,
            String target,
            long seed,
            int programs,
            int commands,
            List<String> program,
            List<String> diff) {}

    public long newFindings() {
        return findings.stream().filter(e -> e.status().equals("NEW")).count();
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), mapper().writeValueAsString(this) + "\n");
    }

    public static Summary read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + " has no " + FILE + ": not the output of daxspec explore");
        }
        try {
            return mapper().readValue(Files.readAllBytes(f), Summary.class);
        } catch (IOException e) {
            throw new IOException(f + ": " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
    }

    /** The mail-sized report: at most {@link #MAX_LINES} lines. */
    static final int MAX_LINES = 40;

    public String report() {
        StringBuilder sb = new StringBuilder();
        int lines = 0;
        sb.append("daxspec explore against ").append(backend).append('\n');
        lines++;
        for (String s : source) {
            sb.append("  ").append(s).append('\n');
            lines++;
        }
        sb.append(String.format(
                Locale.ROOT,
                "%d programs: %d agree with the oracle, %d differ, %d flaky, %d trouble%s%n",
                programs,
                agreed,
                differed,
                flaky,
                trouble,
                skipped == 0 ? "" : "; " + skipped + " skipped (the oracle cannot predict them)"));
        long fresh = newFindings();
        sb.append(String.format(
                Locale.ROOT,
                "%d finding%s: %d new, %d known deviation%s%n",
                findings.size(),
                findings.size() == 1 ? "" : "s",
                fresh,
                findings.size() - fresh,
                findings.size() - fresh == 1 ? "" : "s"));
        lines += 2;
        for (String t : troubles) {
            sb.append("  trouble: ").append(t).append('\n');
            lines++;
        }
        int shown = 0;
        for (Entry e : findings) {
            List<String> block = new ArrayList<>();
            block.add("");
            block.add(String.format(
                    Locale.ROOT,
                    "%-5s %s  %s  (%d program%s; %d commands)",
                    e.status(),
                    e.directory(),
                    e.signature(),
                    e.programs(),
                    e.programs() == 1 ? "" : "s",
                    e.commands()));
            block.add("      " + e.target());
            if (!e.known().isEmpty()) {
                block.add("      " + e.known());
            }
            e.program().forEach(l -> block.add("      " + l));
            e.diff().stream().limit(4).forEach(l -> block.add("      " + l));
            if (lines + block.size() + 2 > MAX_LINES) {
                break;
            }
            block.forEach(l -> sb.append(l).append('\n'));
            lines += block.size();
            shown++;
        }
        sb.append('\n');
        if (shown < findings.size()) {
            sb.append(findings.size() - shown)
                    .append(" more finding")
                    .append(findings.size() - shown == 1 ? "" : "s")
                    .append(" in ")
                    .append(FILE)
                    .append(". ");
        }
        sb.append("Each finding: findings/NNN/ (program.case, oracle.out, kernel.out, diff, scenario.feature,"
                + " shell/).\n");
        return sb.toString();
    }
}
